package no.lytt.accounts;

import java.time.Instant;

/** A logged-in console. Stored under the hash of its cookie value, never the value itself. */
public record Session(String username, Instant createdAt, Instant lastSeen) {
  public Session touched(Instant now) {
    return new Session(username, createdAt, now);
  }
}
