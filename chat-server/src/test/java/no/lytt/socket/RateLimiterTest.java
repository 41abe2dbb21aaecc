package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsABurstThenTheSteadyRate() {
    RateLimiter limiter = new RateLimiter(2, 3, 0);
    assertTrue(limiter.tryAcquire(0));
    assertTrue(limiter.tryAcquire(0));
    assertTrue(limiter.tryAcquire(0));
    assertFalse(limiter.tryAcquire(0));
    assertTrue(limiter.tryAcquire(SECOND / 2));
    assertFalse(limiter.tryAcquire(SECOND / 2));
  }

  @Test
  void neverSavesUpMoreThanTheBurst() {
    RateLimiter limiter = new RateLimiter(10, 2, 0);
    long later = 100 * SECOND;
    assertTrue(limiter.tryAcquire(later));
    assertTrue(limiter.tryAcquire(later));
    assertFalse(limiter.tryAcquire(later));
  }
}
