package no.lytt.queue;

import java.util.Set;

/** What matching needs to know about a counsellor: who they are to a visitor's preference. */
public record CounsellorProfile(String username, Gender gender, Set<Language> languages) {
  public CounsellorProfile {
    languages = Set.copyOf(languages);
  }

  public boolean matches(QueueEntry entry) {
    return accepts(entry.preference(), entry.language());
  }

  /** Whether a visitor with this preference and language may be handed to this counsellor. */
  public boolean accepts(Preference preference, Language language) {
    return preference.acceptsCounsellor(gender) && languages.contains(language);
  }
}
