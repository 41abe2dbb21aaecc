package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import no.lytt.client.ProtocolError;
import no.lytt.client.SocketClosed;

/**
 * Tries a set-up step again when the node said {@code unavailable}, or closed the socket before it
 * answered, as a person would after "try again shortly". Two nodes and Redis starting on one core
 * may let a Redis call outlast its timeout while a thousand chats are being opened; one such
 * answer must not end a benchmark run before it has measured anything.
 */
final class Patience {
  private static final int TRIES = 6;
  private static final long FIRST_PAUSE_MS = 200;

  private Patience() {
  }

  static <T> Future<T> retry(Vertx vertx, Supplier<Future<T>> step) {
    return retry(vertx, step, 1);
  }

  private static <T> Future<T> retry(Vertx vertx, Supplier<Future<T>> step, int attempt) {
    return step.get().recover(e -> attempt < TRIES && worthRepeating(e)
        ? vertx.timer(FIRST_PAUSE_MS << (attempt - 1)).compose(t -> retry(vertx, step, attempt + 1))
        : Future.failedFuture(e));
  }

  static boolean worthRepeating(Throwable e) {
    return e instanceof SocketClosed || e instanceof ProtocolError pe && "unavailable".equals(pe.code());
  }
}
