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

  /**
   * An account made by an administrator's invitation: no usable password and no second factor
   * until the invitee accepts ({@link Invitations}).
   */
  public static Account invited(String username, String displayName, Gender gender, Set<Language> languages,
                                Role role) {
    return new Account(username, null, displayName, gender, languages, role, false, 0);
  }

  /** Whether someone can log in to it: it has a password (an invited or reset account has none yet). */
  public boolean usable() {
    return passwordHash != null && !disabled;
  }

  /**
   * Disabled or enabled again, in a new generation either way: the sessions of before a disabling
   * stay over when the account is enabled again.
   */
  public Account withDisabled(boolean off) {
    return new Account(username, passwordHash, displayName, gender, languages, role, off, generation + 1,
        totpSecret, totpStep);
  }

  /** What an administrator may edit; sessions stay as they are. */
  public Account withProfile(String name, Gender g, Set<Language> langs, Role r) {
    return new Account(username, passwordHash, name, g, langs, r, disabled, generation, totpSecret, totpStep);
  }

  /**
   * Password and second factor gone, in a new generation: every session ends and the account
   * waits for a new invitation to be accepted.
   */
  public Account reset() {
    return new Account(username, null, displayName, gender, languages, role, disabled, generation + 1, null, 0);
  }

  /** An accepted invitation: the password and second factor the invitee chose, the code step used. */
  public Account activated(String hash, String secret, long step) {
    return new Account(username, hash, displayName, gender, languages, role, disabled, generation + 1, secret, step);
  }

  /** The same account with a new password, in a new generation. */
  public Account withPassword(String newHash) {
    return new Account(username, newHash, displayName, gender, languages, role, disabled, generation + 1,
        totpSecret, totpStep);
  }
}
