package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs {@code total} asynchronous tasks with at most {@code width} in flight, so setting up fifty
 * thousand connections does not open them all in the same millisecond. Fails with the first
 * failure, after which no new task starts.
 */
final class Parallel {
  private final int total;
  private final IntFunction<Future<?>> task;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final Promise<Void> done = Promise.promise();

  private Parallel(int total, IntFunction<Future<?>> task) {
    this.total = total;
    this.task = task;
  }

  static Future<Void> run(int total, int width, IntFunction<Future<?>> task) {
    Parallel p = new Parallel(total, task);
    if (total == 0) {
      return Future.succeededFuture();
    }
    for (int i = 0; i < Math.min(width, total); i++) {
      p.startNext();
    }
    return p.done.future();
  }

  private void startNext() {
    int i = started.getAndIncrement();
    if (i >= total || done.future().isComplete()) {
      return;
    }
    Future<?> f;
    try {
      f = task.apply(i);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(r -> {
      if (r.failed()) {
        done.tryFail(r.cause());
        return;
      }
      if (finished.incrementAndGet() == total) {
        done.tryComplete();
      } else {
        startNext();
      }
    });
  }
}
