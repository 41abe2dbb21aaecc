package no.lytt.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * One waiting visitor. Holds only what a counsellor may see before accepting (preference,
 * language, waited time) plus the hash of the visitor's resume token — never the token itself.
 *
 * @param id opaque, random; shown to counsellors to tell entries apart
 * @param tokenHash SHA-256 of the resume token, so a store dump cannot be used to resume
 */
public record QueueEntry(String id, String tokenHash, Preference preference, Language language,
                         Instant joinedAt) {
  public QueueEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(preference, "preference");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(joinedAt, "joinedAt");
  }
}
