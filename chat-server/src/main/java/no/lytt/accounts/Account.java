package no.lytt.accounts;

import java.util.Set;
import no.lytt.queue.CounsellorProfile;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;

/**
 * A counsellor's or administrator's account. The password is kept only as an Argon2id PHC string.
 *
 * @param displayName what visitors see (a first name), also bound into device certificates
 */
public record Account(String username, String passwordHash, String displayName, Gender gender,
                      Set<Language> languages, Role role, boolean disabled) {
  public Account {
    languages = Set.copyOf(languages);
  }

  public CounsellorProfile profile() {
    return new CounsellorProfile(username, gender, languages);
  }
}
