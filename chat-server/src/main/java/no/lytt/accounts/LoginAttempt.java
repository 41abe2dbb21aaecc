package no.lytt.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * The store's answer to one log-in attempt for a name ({@code Store#loginAttempt}).
 *
 * @param admitted whether the password may be checked now
 * @param attempts attempts since the last success, this one included (when admitted)
 * @param retryAt  when the block ends (when refused)
 */
public record LoginAttempt(boolean admitted, long attempts, Optional<Instant> retryAt) {
  public static LoginAttempt admitted(long attempts) {
    return new LoginAttempt(true, attempts, Optional.empty());
  }

  public static LoginAttempt refused(Instant retryAt) {
    return new LoginAttempt(false, 0, Optional.of(retryAt));
  }
}
