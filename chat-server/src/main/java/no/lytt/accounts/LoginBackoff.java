package no.lytt.accounts;

import java.time.Duration;

/**
 * How a username is slowed down after wrong passwords: the first {@code freeAttempts} attempts since
 * the last successful log-in are free; from then on each attempt blocks the next one for
 * {@code firstBlock}, doubling with every further attempt, at most {@code maxBlock}. With the
 * defaults (5, 1 min, 15 min) a guesser gets about a hundred tries a day per name, while a counsellor
 * who mistyped a few times waits a minute, and the right password works as soon as a block ends.
 *
 * <p>The count is per name, not per account, so an unknown name is throttled exactly like a real one
 * and the answers do not tell which names exist. The Redis store repeats {@link #blockAfter} in
 * {@code login_attempt.lua}; the store contract tests hold the two together.
 */
public record LoginBackoff(int freeAttempts, Duration firstBlock, Duration maxBlock) {
  /** How long a name's count is kept after its last attempt; then it starts from zero again. */
  public static final Duration MEMORY = Duration.ofHours(24);

  public LoginBackoff {
    if (freeAttempts < 1 || firstBlock.isNegative() || firstBlock.isZero() || maxBlock.compareTo(firstBlock) < 0) {
      throw new IllegalArgumentException("login backoff: " + freeAttempts + ", " + firstBlock + ", " + maxBlock);
    }
  }

  /** The block that follows the {@code attempts}-th attempt since the last success (zero while free). */
  public Duration blockAfter(long attempts) {
    if (attempts < freeAttempts) {
      return Duration.ZERO;
    }
    long doublings = attempts - freeAttempts;
    if (doublings >= 40) {
      return maxBlock;
    }
    long millis = firstBlock.toMillis() << doublings;
    return millis <= 0 || millis > maxBlock.toMillis() ? maxBlock : Duration.ofMillis(millis);
  }
}
