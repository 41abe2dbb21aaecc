package no.lytt.accounts;

import java.time.Instant;

/**
 * A logged-in console. Stored under the hash of its cookie value, never the value itself.
 *
 * @param generation the account's {@link Account#generation()} at login; once the password changes
 *                   the two differ and the session is over
 */
public record Session(String username, Instant createdAt, Instant lastSeen, long generation) {
  public Session touched(Instant now) {
    return new Session(username, createdAt, now, generation);
  }
}
