package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Follows a draining node's request to move (close code 4003): reconnects and resumes at once, and
 * again after a short pause while the load balancer has no other node ready (it may be starting).
 * Counts completed moves, so tests can wait for one.
 */
final class Mover {
  private static final int ATTEMPTS = 120;
  private static final long PAUSE_MILLIS = 250;
  private final Vertx vertx;
  private final Supplier<Future<?>> reconnect;
  private final Warnings warnings;
  private final AtomicInteger moves = new AtomicInteger();

  Mover(Vertx vertx, Supplier<Future<?>> reconnect, Warnings warnings) {
    this.vertx = vertx;
    this.reconnect = reconnect;
    this.warnings = warnings;
  }

  void move() {
    attempt(1);
  }

  private void attempt(int n) {
    reconnect.get().onSuccess(v -> moves.incrementAndGet()).onFailure(e -> {
      if (n < ATTEMPTS) {
        vertx.setTimer(PAUSE_MILLIS, t -> attempt(n + 1));
      } else {
        warnings.add("could not move to another node: " + e);
      }
    });
  }

  int moves() {
    return moves.get();
  }
}
