package no.lytt.callback;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import no.lytt.protocol.SaltedCounts;

/**
 * Slows down guessing of visitor codes: each source may look up unknown codes only so often per
 * hour on this node. A code has 120 random bits, so guessing cannot succeed anyway; this keeps a
 * flood of lookups from costing the store and from hiding in plain traffic.
 *
 * <p>As for the per-source socket cap, a source is kept only as its salted hash in memory
 * ({@link SaltedCounts}), with a salt of its own replaced, with every count, each hour.
 */
public final class CodeGuesses {
  static final Duration WINDOW = Duration.ofHours(1);
  private final int perHour;
  private final Clock clock;
  private final SaltedCounts failures;

  public CodeGuesses(int perHour, Clock clock, SecureRandom random) {
    this.perHour = perHour;
    this.clock = clock;
    this.failures = new SaltedCounts(WINDOW, clock, random);
  }

  /** True while the source has failures left this hour. */
  public boolean allowed(byte[] source) {
    SaltedCounts.Generation g = failures.current();
    return g.counts().getOrDefault(g.key(source), 0) < perHour;
  }

  /** One lookup of a code nobody holds. */
  public void failed(byte[] source) {
    SaltedCounts.Generation g = failures.current();
    g.counts().merge(g.key(source), 1, Integer::sum);
  }

  /** When the current hour's counts are forgotten. */
  public Duration retryAfter() {
    return Duration.between(clock.instant(), failures.current().until());
  }
}
