package no.lytt.queue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * One reading of the store shared by everyone who asks while it is under way; whoever asks after
 * it has come back starts the next one. Every page that opens a socket is told the queue's length
 * and the expected wait, and that reading walks the staffing: after a node restarts, thousands of
 * pages reconnect within seconds, and a reading each kept Redis too busy to answer any of them in
 * time. Shared, there is at most one such reading in flight per node, and what an asker gets was
 * read no earlier than one round trip before they asked.
 */
final class SharedReading<T> {
  private final Supplier<Future<T>> read;
  private Future<T> inFlight;

  SharedReading(Supplier<Future<T>> read) {
    this.read = read;
  }

  Future<T> get() {
    Future<T> shared;
    synchronized (this) {
      if (inFlight == null || inFlight.isComplete()) {
        inFlight = read.get();
      }
      shared = inFlight;
    }
    // Askers on other event loops get the answer on their own loop, as if they had read it.
    Context here = Vertx.currentContext();
    return here == null || shared.isComplete() ? shared : Future.fromCompletionStage(shared.toCompletionStage(), here);
  }
}
