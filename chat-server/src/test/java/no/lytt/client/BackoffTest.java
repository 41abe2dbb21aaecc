package no.lytt.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reference client waits between reconnects as the pages do (transport/connection.js). */
class BackoffTest {
  @Test
  void delaysGrowWithEachAttemptAreCappedAndNeverDropBelowTheFloor() {
    for (int attempt = 0; attempt < 40; attempt++) {
      long ceiling = Math.min(15_000, 500L << Math.min(attempt, 16));
      long longest = 0;
      for (int i = 0; i < 2_000; i++) {
        long d = Backoff.delay(attempt);
        assertTrue(d >= 250 && d <= Math.max(250, ceiling), "attempt " + attempt + ": " + d);
        longest = Math.max(longest, d);
      }
      assertTrue(longest > ceiling / 2, "full jitter reaches towards the ceiling at attempt " + attempt);
    }
  }

  @Test
  void aMoveWaitsUnderASecond() {
    for (int i = 0; i < 2_000; i++) {
      long d = Backoff.moveJitter();
      assertTrue(d >= 0 && d < Backoff.MOVE_JITTER_MS, String.valueOf(d));
    }
  }
}
