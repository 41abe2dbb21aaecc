package no.lytt.store;

import java.util.Optional;
import no.lytt.relay.Chat;

/** The outcome of one atomic dispatch. */
public record DispatchResult(Outcome outcome, Optional<Chat> chat) {
  public enum Outcome { DISPATCHED, NO_MATCH, CAPACITY_REACHED, DUPLICATE_CHAT_ID, OFF_DUTY, ON_BREAK }

  public static DispatchResult dispatched(Chat chat) {
    return new DispatchResult(Outcome.DISPATCHED, Optional.of(chat));
  }

  public static DispatchResult refused(Outcome outcome) {
    return new DispatchResult(outcome, Optional.empty());
  }
}
