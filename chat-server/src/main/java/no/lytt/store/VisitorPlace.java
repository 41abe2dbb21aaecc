package no.lytt.store;

import java.util.Optional;
import no.lytt.queue.QueueEntry;
import no.lytt.relay.Chat;

/** Where a returning visitor is: still queued, or in a chat. */
public record VisitorPlace(Optional<QueueEntry> queued, Optional<Chat> chat) {
  public static VisitorPlace inQueue(QueueEntry entry) {
    return new VisitorPlace(Optional.of(entry), Optional.empty());
  }

  public static VisitorPlace inChat(Chat chat) {
    return new VisitorPlace(Optional.empty(), Optional.of(chat));
  }
}
