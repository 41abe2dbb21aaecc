package no.lytt.callback;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;

/**
 * A callback request or an out-of-hours ticket, as the store keeps it. It holds nothing that says
 * who the visitor is: the phone number, the note and a left message exist only inside
 * {@code sealed}, HPKE ciphertext to each certified counsellor device (docs/crypto.md, "Sealed to
 * the team"); the visitor's code exists only as the hash of a value derived from it.
 *
 * @param lookupHash  SHA-256 of the lookup value the visitor's page derives from the code
 * @param sealed      device id → {@code {"enc","ct"}}; empty once done, failed, served or released
 * @param windows     when to call (callbacks only; empty for tickets)
 * @param placeUntil  a ticket's place in the queue is released at this time (null for callbacks
 *                    and while the next opening is unknown)
 * @param attempts    calls that went unanswered
 * @param nextTryAt   after no answer: not before this time (null otherwise)
 * @param claimedBy   the counsellor working on it, with {@code claimedUntil} (null when unclaimed)
 * @param reply       a counsellor's reply sealed to the visitor's code, {@code {"enc","ct"}}, or null
 * @param version     increases with every change; a change is written only over the version it read
 */
public record Item(String id, Kind kind, String lookupHash, Map<String, Sealed> sealed,
                   List<CallbackWindow> windows, Preference preference, Language language,
                   Instant createdAt, Instant expiresAt, Instant placeUntil, ItemState state, int attempts,
                   Instant nextTryAt, String claimedBy, Instant claimedUntil, Sealed reply, long version) {

  public enum Kind {
    CALLBACK, TICKET;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One HPKE sealing: the encapsulated key and the ciphertext, both base64url. */
  public record Sealed(String enc, String ct) {
    public Sealed {
      Objects.requireNonNull(enc, "enc");
      Objects.requireNonNull(ct, "ct");
    }
  }

  public Item {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(lookupHash, "lookupHash");
    sealed = Map.copyOf(sealed);
    windows = List.copyOf(windows);
    Objects.requireNonNull(preference, "preference");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
  }

  public boolean claimedAt(Instant now) {
    return claimedBy != null && claimedUntil != null && now.isBefore(claimedUntil);
  }

  private Item with(ItemState s, Map<String, Sealed> sl, int att, Instant next, String by, Instant until,
                    Sealed rep, Instant place) {
    return new Item(id, kind, lookupHash, sl, windows, preference, language, createdAt, expiresAt, place, s, att,
        next, by, until, rep, version + 1);
  }

  public Item claimed(String username, Instant until) {
    return with(ItemState.CLAIMED, sealed, attempts, nextTryAt, username, until, reply, placeUntil);
  }

  /** Being called now, by whoever holds the claim, which runs on from now: a call is not cut short. */
  public Item calling(Instant claimRunsUntil) {
    return with(ItemState.CALLING, sealed, attempts, nextTryAt, claimedBy, claimRunsUntil, reply, placeUntil);
  }

  /** No answer: claimable again after {@code next}, or failed for good (contents deleted). */
  public Item unanswered(Instant next, int maxAttempts) {
    int tried = attempts + 1;
    return tried >= maxAttempts
        ? with(ItemState.FAILED, Map.of(), tried, null, null, null, reply, placeUntil)
        : with(ItemState.RETRY, sealed, tried, next, null, null, reply, placeUntil);
  }

  /** Ends it; the sealed contents are deleted with this very write. */
  public Item finished(ItemState end) {
    return with(end, Map.of(), attempts, null, null, null, reply, placeUntil);
  }

  public Item withReply(Sealed sealedReply) {
    return with(state, sealed, attempts, nextTryAt, claimedBy, claimedUntil, sealedReply, placeUntil);
  }

  public Item withPlaceUntil(Instant until) {
    return with(state, sealed, attempts, nextTryAt, claimedBy, claimedUntil, reply, until);
  }
}
