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
 */
public record Account(String username, String passwordHash, String displayName, Gender gender,
                      Set<Language> languages, Role role, boolean disabled, long generation) {
  public Account {
    languages = Set.copyOf(languages);
  }

  public CounsellorProfile profile() {
    return new CounsellorProfile(username, gender, languages);
  }

  /** The same account with a new password, in a new generation. */
  public Account withPassword(String newHash) {
    return new Account(username, newHash, displayName, gender, languages, role, disabled, generation + 1);
  }
}
