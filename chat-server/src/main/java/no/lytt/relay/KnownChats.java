package no.lytt.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chats this node has seen, newest use last, at most {@code limit}: who belongs to a chat never
 * changes, so membership can be checked without asking the store. Thread-safe.
 */
final class KnownChats {
  private final Map<String, Chat> chats;

  KnownChats(int limit) {
    this.chats = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Chat> eldest) {
        return size() > limit;
      }
    };
  }

  synchronized Chat get(String chatId) {
    return chats.get(chatId);
  }

  synchronized void put(Chat chat) {
    chats.put(chat.chatId(), chat);
  }

  synchronized void remove(String chatId) {
    chats.remove(chatId);
  }
}
