package no.lytt.relay;

import java.time.Instant;
import java.util.Objects;
import no.lytt.queue.QueueEntry;

/**
 * A chat's metadata while it runs; deleted when it ends (what remains are anonymous counters).
 *
 * @param visitor the queue entry the visitor had, kept for its resume token hash and for counters
 * @param enc the visitor's HPKE encapsulated key, null until the handshake is done
 */
public record Chat(String chatId, QueueEntry visitor, String counsellor, String deviceId,
                   ChatOffer offer, String enc, ChatState state, Instant createdAt) {
  public Chat {
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(visitor, "visitor");
    Objects.requireNonNull(counsellor, "counsellor");
    Objects.requireNonNull(state, "state");
  }

  public Chat opened(String handshakeEnc) {
    return new Chat(chatId, visitor, counsellor, deviceId, offer, handshakeEnc, ChatState.OPEN, createdAt);
  }
}
