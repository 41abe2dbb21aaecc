package no.lytt.store.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.lytt.relay.Chat;

/**
 * The chats held in memory, found by id, by counsellor and by the visitor's token hash. Every
 * queue view counts each counsellor's chats and every resume finds a visitor's chat: walking all
 * chats for that made a node with a thousand chats spend its time in this store.
 */
final class ChatTable {
  private final Map<String, Chat> byId = new HashMap<>();
  private final Map<String, Set<String>> byCounsellor = new HashMap<>();
  private final Map<String, String> byVisitorToken = new HashMap<>();

  Chat get(String chatId) {
    return byId.get(chatId);
  }

  boolean contains(String chatId) {
    return byId.containsKey(chatId);
  }

  /** Adds a chat, or replaces the one with its id (a change of state). */
  void put(Chat chat) {
    Chat old = byId.put(chat.chatId(), chat);
    if (old != null) {
      unindex(old);
    }
    byCounsellor.computeIfAbsent(chat.counsellor(), k -> new LinkedHashSet<>()).add(chat.chatId());
    byVisitorToken.put(chat.visitor().tokenHash(), chat.chatId());
  }

  Chat remove(String chatId) {
    Chat chat = byId.remove(chatId);
    if (chat != null) {
      unindex(chat);
    }
    return chat;
  }

  private void unindex(Chat chat) {
    Set<String> ids = byCounsellor.get(chat.counsellor());
    if (ids != null) {
      ids.remove(chat.chatId());
      if (ids.isEmpty()) {
        byCounsellor.remove(chat.counsellor());
      }
    }
    byVisitorToken.remove(chat.visitor().tokenHash(), chat.chatId());
  }

  int countOf(String counsellor) {
    return byCounsellor.getOrDefault(counsellor, Set.of()).size();
  }

  /** A counsellor's chats, oldest first. */
  List<Chat> of(String counsellor) {
    return byCounsellor.getOrDefault(counsellor, Set.of()).stream().map(byId::get)
        .sorted(Comparator.comparing(Chat::createdAt)).toList();
  }

  Optional<Chat> ofVisitor(String tokenHash) {
    return Optional.ofNullable(byVisitorToken.get(tokenHash)).map(byId::get);
  }
}
