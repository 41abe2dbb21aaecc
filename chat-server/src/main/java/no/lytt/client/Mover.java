package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Follows a draining node's request to move (close code 4003) as the pages do: reconnects and
 * resumes within a second, at random, so a node's sockets do not all land on the next node at
 * once; while the load balancer has no other node ready (it may be starting), again with the
 * pages' backoff, for up to {@link #GIVE_UP_MILLIS}. Counts completed moves, so tests can wait for
 * one.
 */
final class Mover {
  private static final long GIVE_UP_MILLIS = 120_000;
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
    long giveUpAt = System.currentTimeMillis() + GIVE_UP_MILLIS;
    vertx.setTimer(Math.max(1, Backoff.moveJitter()), t -> attempt(0, giveUpAt));
  }

  private void attempt(int n, long giveUpAt) {
    reconnect.get().onSuccess(v -> moves.incrementAndGet()).onFailure(e -> {
      long delay = Backoff.delay(n);
      if (System.currentTimeMillis() + delay < giveUpAt) {
        vertx.setTimer(delay, t -> attempt(n + 1, giveUpAt));
      } else {
        warnings.add("could not move to another node: " + e);
      }
    });
  }

  int moves() {
    return moves.get();
  }
}
