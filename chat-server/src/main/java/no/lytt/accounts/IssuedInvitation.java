package no.lytt.accounts;

import java.time.Instant;

/** An invitation as its administrator gets it, once: the token for the link, and when it ends. */
public record IssuedInvitation(String username, String token, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedInvitation[" + username + ", until " + expiresAt + "]";
  }
}
