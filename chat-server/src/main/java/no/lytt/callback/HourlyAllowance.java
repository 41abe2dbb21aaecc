package no.lytt.callback;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import no.lytt.protocol.SaltedCounts;

/**
 * How often each source may do something per hour on this node: look up codes nobody holds (a
 * code has 120 random bits, so guessing cannot succeed anyway; this keeps a flood of lookups from
 * costing the store and hiding in plain traffic), or ask for callbacks and tickets (so nobody can
 * fill the team's list with junk).
 *
 * <p>As for the per-source socket cap, a source is kept only as its salted hash in memory
 * ({@link SaltedCounts}), with a salt of its own replaced, with every count, each hour.
 */
public final class HourlyAllowance {
  static final Duration WINDOW = Duration.ofHours(1);
  private final int perHour;
  private final Clock clock;
  private final SaltedCounts spent;

  public HourlyAllowance(int perHour, Clock clock, SecureRandom random) {
    this.perHour = perHour;
    this.clock = clock;
    this.spent = new SaltedCounts(WINDOW, clock, random);
  }

  /** True while the source has some of its allowance left this hour. */
  public boolean allowed(byte[] source) {
    SaltedCounts.Generation g = spent.current();
    return g.counts().getOrDefault(g.key(source), 0) < perHour;
  }

  /** Uses one of the source's allowance. */
  public void spend(byte[] source) {
    SaltedCounts.Generation g = spent.current();
    g.counts().merge(g.key(source), 1, Integer::sum);
  }

  /** When the current hour's counts are forgotten. */
  public Duration retryAfter() {
    return Duration.between(clock.instant(), spent.current().until());
  }
}
