package no.lytt.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pages' reconnect delays ({@code backoffDelay} and {@code MOVE_JITTER_MS} in
 * {@code transport/connection.js}), so the reference client and the load generator come back the
 * way browsers do: a node that restarts is not kept busy answering retries at a fixed interval.
 */
public final class Backoff {
  /** A move (close code 4003) reconnects within this, at random, without backoff. */
  public static final long MOVE_JITTER_MS = 1_000;

  private Backoff() {
  }

  /** The delay before reconnect attempt {@code attempt} (0, 1, …): full jitter, 500 ms doubling to 15 s, at least 250 ms. */
  public static long delay(int attempt) {
    long ceiling = Math.min(15_000, 500L << Math.min(attempt, 16));
    return Math.max(250, (long) (ThreadLocalRandom.current().nextDouble() * ceiling));
  }

  /** The pause before a move's first attempt. */
  public static long moveJitter() {
    return ThreadLocalRandom.current().nextLong(MOVE_JITTER_MS);
  }
}
