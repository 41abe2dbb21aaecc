package no.lytt.socket;

/**
 * A token bucket per connection: {@code ratePerSecond} frames per second on average, bursts up to
 * {@code burst}. Plain arithmetic on a caller-supplied clock, so it is exact in tests.
 */
public final class RateLimiter {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long last;

  public RateLimiter(int ratePerSecond, int burst, long nowNanos) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes one token; false when the bucket is empty. */
  public boolean tryAcquire(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
