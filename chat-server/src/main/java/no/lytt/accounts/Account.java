package no.lytt.accounts;

import java.util.Set;
import no.lytt.queue.CounsellorProfile;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;

/**
 * A counsellor's or administrator's account. The password is kept only as an Argon2id PHC string.
 *
 * @param displayName what visitors see (a first name), also bound into device certificates
 * @param generation  goes up whenever the password is set; a session belongs to the generation it
 *                    was opened in, so a new password ends every older session on every node at
 *                    once, with no list of sessions to walk
 * @param totpSecret  the second factor's shared secret (base32), or null before enrolment
 * @param totpStep    the time step of the last code used, so no code works twice
 */
public record Account(String username, String passwordHash, String displayName, Gender gender,
                      Set<Language> languages, Role role, boolean disabled, long generation,
                      String totpSecret, long totpStep) {
  public Account {
    languages = Set.copyOf(languages);
  }

  /** Without a second factor yet. */
  public Account(String username, String passwordHash, String displayName, Gender gender,
                 Set<Language> languages, Role role, boolean disabled, long generation) {
    this(username, passwordHash, displayName, gender, languages, role, disabled, generation, null, 0);
  }

  public boolean hasSecondFactor() {
    return totpSecret != null;
  }

  /** The same account with a second factor enrolled. */
  public Account withSecondFactor(String secret) {
    return new Account(username, passwordHash, displayName, gender, languages, role, disabled, generation, secret, 0);
  }

  /** The same account after a code of {@code step} was used. */
  public Account withCodeUsed(long step) {
    return new Account(username, passwordHash, displayName, gender, languages, role, disabled, generation,
        totpSecret, step);
  }

  @Override
  public String toString() {
    return "Account[" + username + ", " + role + (disabled ? ", disabled" : "") + "]";
  }

  public CounsellorProfile profile() {
    return new CounsellorProfile(username, gender, languages);
  }

  /** The same account with a new password, in a new generation. */
  public Account withPassword(String newHash) {
    return new Account(username, newHash, displayName, gender, languages, role, disabled, generation + 1,
        totpSecret, totpStep);
  }
}
