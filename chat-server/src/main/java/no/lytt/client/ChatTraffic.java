package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import no.lytt.crypto.CryptoException;

/**
 * Encrypted message traffic for every chat of one client: sealing and sending, opening what
 * arrives and acknowledging it (cumulative {@code ack} after every opened envelope, duplicates
 * included so the server can let go of them), {@code delivered} bookkeeping, and re-sending after
 * a resume. The two clients differ only in how chats start; this part is the same.
 */
final class ChatTraffic {
  private final Connection connection;
  private final Warnings warnings;
  private final Map<String, ChatSession> sessions = new ConcurrentHashMap<>();
  private final Mailbox<ReceivedMessage> messages = new Mailbox<>();
  private volatile Handler<ReceivedMessage> listener;
  private volatile Handler<String> onGap = chatId -> { };

  ChatTraffic(Connection connection, Warnings warnings) {
    this.connection = connection;
    this.warnings = warnings;
    connection.on("msg", this::onMsg);
    connection.on("delivered", this::onDelivered);
    connection.on("ended", f -> {
      ChatSession s = sessions.get(f.getString("chatId"));
      if (s != null) {
        s.end();
      }
    });
  }

  void add(ChatSession session) {
    ChatSession old = sessions.put(session.chatId(), session);
    if (old != null && old != session) {
      old.end();
    }
  }

  ChatSession session(String chatId) {
    ChatSession s = sessions.get(chatId);
    if (s == null) {
      throw new IllegalStateException("no chat " + chatId);
    }
    return s;
  }

  Map<String, ChatSession> sessions() {
    return Map.copyOf(sessions);
  }

  Future<Long> sendText(String chatId, String text) {
    return sendInner(chatId, new JsonObject().put("t", "text").put("text", text));
  }

  Future<Long> sendCard(String chatId, ReferralCard card) {
    return sendInner(chatId, card.toInner());
  }

  /** The encrypted end marker, then the clear {@code end} frame (docs/protocol.md). */
  Future<Void> end(String chatId) {
    return sendInner(chatId, new JsonObject().put("t", "end"))
        .compose(seq -> connection.send(new JsonObject().put("type", "end").put("chatId", chatId)));
  }

  Future<Void> typing(String chatId) {
    return connection.send(new JsonObject().put("type", "typing").put("chatId", chatId));
  }

  /** After {@code resumed}: re-send our envelopes the server does not hold. */
  void resend(String chatId, long serverLastSeq) {
    ChatSession s = sessions.get(chatId);
    if (s != null) {
      s.unackedAfter(serverLastSeq).forEach(e -> connection.send(e.toFrame()));
    }
  }

  /**
   * Hands every later message to {@code handler} (on the connection's event loop) instead of
   * keeping it for {@link #next}: a load generator sees each one without a future per message.
   */
  void onMessage(Handler<ReceivedMessage> handler) {
    this.listener = handler;
  }

  /**
   * Tells {@code handler} the chat id when a message arrives out of sequence: one before it was
   * lost on the way, and only a resume brings it (the pages reconnect at once then).
   */
  void onGap(Handler<String> handler) {
    this.onGap = handler;
  }

  Future<ReceivedMessage> next(Predicate<ReceivedMessage> filter) {
    return messages.next(filter);
  }

  private Future<Long> sendInner(String chatId, JsonObject inner) {
    ChatSession.Envelope envelope;
    try {
      envelope = session(chatId).seal(inner);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return connection.send(envelope.toFrame()).map(envelope.seq());
  }

  private void onMsg(JsonObject f) {
    String chatId = f.getString("chatId");
    ChatSession s = sessions.get(chatId);
    if (s == null) {
      warnings.add("msg for unknown chat " + chatId);
      return;
    }
    try {
      ReceivedMessage m = s.open(f.getLong("seq"), f.getString("ct"));
      Handler<ReceivedMessage> l = listener;
      if (m != null && l != null) {
        l.handle(m);
      } else if (m != null) {
        messages.put(m);
      }
      connection.send(new JsonObject().put("type", "ack").put("chatId", chatId)
          .put("seq", s.lastReceivedSeq()));
    } catch (CryptoException e) {
      // A gap asks for a resume; a failed tag is shown as a warning. Nothing is displayed.
      warnings.add(chatId + ": " + e.code() + " at seq " + f.getValue("seq"));
      if (e.reason() == CryptoException.Reason.BAD_SEQUENCE) {
        onGap.handle(chatId);
      }
    }
  }

  private void onDelivered(JsonObject f) {
    ChatSession s = sessions.get(f.getString("chatId"));
    if (s != null) {
      s.delivered(f.getLong("seq"));
    }
  }
}
