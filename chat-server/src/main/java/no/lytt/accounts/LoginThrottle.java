package no.lytt.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/**
 * Slows password guessing without letting anyone lock the team out. Two independent brakes, both
 * kept in the store so that every node applies them together:
 *
 * <ul>
 *   <li><b>Per name</b> ({@link LoginBackoff}): after a few attempts a username is blocked for a
 *       while that doubles with each further attempt, up to a cap. Blocked attempts are refused
 *       with {@code too_many_attempts} and a retry time, before any password is checked, so they
 *       cost nothing. Only that name is affected; the right password works once the block ends.
 *   <li><b>Service-wide</b>: password spraying (one likely password tried against many names) stays
 *       under every per-name limit, so failures are also counted across all names. While they run
 *       high, every log-in waits a little before its password is checked — one second per
 *       {@code sprayFailures} failures in the current and previous minute, at most
 *       {@code sprayMaxDelay}. Nobody is refused: a counsellor still gets in, a little later.
 * </ul>
 *
 * Names are counted by hash, whether or not an account exists, so the answers never tell which
 * names are real. The network address is deliberately not used: Lytt never sees or keeps it.
 */
public final class LoginThrottle {
  private final Vertx vertx;
  private final Store store;
  private final Clock clock;
  private final LoginBackoff backoff;
  private final int sprayFailures;
  private final Duration sprayMaxDelay;

  public LoginThrottle(Vertx vertx, Store store, Clock clock, LoginBackoff backoff, int sprayFailures,
                       Duration sprayMaxDelay) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.backoff = backoff;
    this.sprayFailures = sprayFailures;
    this.sprayMaxDelay = sprayMaxDelay;
  }

  /**
   * Counts an attempt for {@code username} and completes when its password may be checked: at once,
   * or after the spray delay. Fails with {@code too_many_attempts} while the name is blocked.
   */
  public Future<Void> admit(String username) {
    Instant now = clock.instant();
    return store.loginAttempt(key(username), now, backoff).compose(attempt -> {
      if (!attempt.admitted()) {
        Duration wait = Duration.between(now, attempt.retryAt().orElse(now));
        return Future.failedFuture(tooMany(wait));
      }
      return store.recentLoginFailures(now).compose(failures -> {
        Duration delay = sprayDelay(failures, sprayFailures, sprayMaxDelay);
        return delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis()).mapEmpty();
      });
    });
  }

  /** The right password: the name starts again with its free attempts. */
  public Future<Void> succeeded(String username) {
    return store.clearLoginAttempts(key(username));
  }

  /** A wrong password (or an unknown name): counted service-wide. */
  public Future<Void> failed() {
    return store.countLoginFailure(clock.instant()).mapEmpty();
  }

  /** The wait every log-in gets while {@code failures} failed service-wide in the last minute or two. */
  public static Duration sprayDelay(long failures, int perSecondOfDelay, Duration max) {
    long seconds = failures / perSecondOfDelay;
    return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(seconds, max.toSeconds()));
  }

  private static String key(String username) {
    return Ids.hash("lytt/login/" + username);
  }

  private static LyttException tooMany(Duration wait) {
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return new LyttException(ErrorCode.TOO_MANY_ATTEMPTS, "Too many attempts. Try again in " + minutes
        + (minutes == 1 ? " minute." : " minutes."), wait);
  }
}
