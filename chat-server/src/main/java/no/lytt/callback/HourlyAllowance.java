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

  /**
   * Takes one of the source's allowance if any is left, in one step: requests that arrive together
   * cannot all pass a check that each would pass alone.
   */
  public boolean tryTake(byte[] source) {
    SaltedCounts.Generation g = spent.current();
    boolean[] taken = {false};
    g.counts().compute(g.key(source), (key, used) -> {
      int n = used == null ? 0 : used;
      if (n >= perHour) {
        return used;
      }
      taken[0] = true;
      return n + 1;
    });
    return taken[0];
  }

  /** Gives one back: what it was taken for did not count after all (a code that was found). */
  public void giveBack(byte[] source) {
    SaltedCounts.Generation g = spent.current();
    g.counts().computeIfPresent(g.key(source), (key, used) -> used > 1 ? used - 1 : null);
  }

  /** When the current hour's counts are forgotten. */
  public Duration retryAfter() {
    return Duration.between(clock.instant(), spent.current().until());
  }
}
