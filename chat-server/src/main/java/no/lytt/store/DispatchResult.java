package no.lytt.store;

import java.util.Optional;
import java.util.OptionalInt;
import no.lytt.relay.Chat;

/**
 * The outcome of one atomic dispatch.
 *
 * @param waitingAfter how many visitors the queue held once this dispatch was done, read in the same
 *     atomic step; empty when the dispatch was refused for the counsellor's own reasons before the queue
 *     was looked at (off duty, on a break, capacity, a taken chat id), or when it is not known
 */
public record DispatchResult(Outcome outcome, Optional<Chat> chat, OptionalInt waitingAfter) {
  public enum Outcome { DISPATCHED, NO_MATCH, CAPACITY_REACHED, DUPLICATE_CHAT_ID, OFF_DUTY, ON_BREAK }

  public static DispatchResult dispatched(Chat chat, int waitingAfter) {
    return new DispatchResult(Outcome.DISPATCHED, Optional.of(chat), OptionalInt.of(waitingAfter));
  }

  /** A hand-over found afterwards (its answer was lost), when the queue it left is not known. */
  public static DispatchResult found(Chat chat) {
    return new DispatchResult(Outcome.DISPATCHED, Optional.of(chat), OptionalInt.empty());
  }

  /** Nobody this counsellor accepts was queued; {@code waiting} others may be, for other counsellors. */
  public static DispatchResult noMatch(int waiting) {
    return new DispatchResult(Outcome.NO_MATCH, Optional.empty(), OptionalInt.of(waiting));
  }

  /** Refused for the counsellor's own reasons, which say nothing about the queue. */
  public static DispatchResult refused(Outcome outcome) {
    return new DispatchResult(outcome, Optional.empty(), OptionalInt.empty());
  }

  /** True when this dispatch is known to have left nobody at all in the queue. */
  public boolean leftQueueEmpty() {
    return waitingAfter.isPresent() && waitingAfter.getAsInt() == 0;
  }
}
