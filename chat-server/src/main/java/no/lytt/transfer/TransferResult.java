package no.lytt.transfer;

import java.util.Optional;
import no.lytt.relay.Chat;

/**
 * The outcome of one atomic hand-over. When {@code TRANSFERRED}, {@code ended} is the first
 * counsellor's chat, now deleted with its envelopes, and {@code offered} the colleague's new chat
 * with the same visitor.
 */
public record TransferResult(Outcome outcome, Optional<Chat> ended, Optional<Chat> offered) {
  public enum Outcome {
    TRANSFERRED,
    /** No hand-over of this chat to this colleague is asked for (never, cancelled, expired, or the chat ended). */
    NOT_ASKED,
    CAPACITY_REACHED,
    DUPLICATE_CHAT_ID
  }

  public static TransferResult transferred(Chat ended, Chat offered) {
    return new TransferResult(Outcome.TRANSFERRED, Optional.of(ended), Optional.of(offered));
  }

  public static TransferResult refused(Outcome outcome) {
    return new TransferResult(outcome, Optional.empty(), Optional.empty());
  }
}
