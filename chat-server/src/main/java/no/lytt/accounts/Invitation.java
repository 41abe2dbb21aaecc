package no.lytt.accounts;

import java.time.Instant;

/**
 * An administrator's invitation to set up an account, stored under the hash of its token (the token
 * itself is shown once, in the link). Accepting it takes two steps, so a mistyped enrolment never
 * locks anyone out: the invitee's password hash and a fresh second-factor secret wait here as
 * {@code pending*} until one code from the authenticator app is confirmed; only then do they move
 * to the account and the invitation is used up.
 *
 * @param generation the account's {@link Account#generation()} when invited; a reset moves the
 *                   account on, so an older invitation no longer fits and is refused
 */
public record Invitation(String username, long generation, Instant expiresAt, String pendingPasswordHash,
                         String pendingSecret) {
  public static Invitation of(Account account, Instant expiresAt) {
    return new Invitation(account.username(), account.generation(), expiresAt, null, null);
  }

  public Invitation withPending(String passwordHash, String secret) {
    return new Invitation(username, generation, expiresAt, passwordHash, secret);
  }

  public boolean enrolled() {
    return pendingPasswordHash != null && pendingSecret != null;
  }

  @Override
  public String toString() {
    return "Invitation[" + username + ", until " + expiresAt + "]";
  }
}
