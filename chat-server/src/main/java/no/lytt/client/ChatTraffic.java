package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
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
 *
 * <p>A refused {@code msg} is sent again on the same socket after {@link #RESEND_AFTER_MS}, with
 * every later one not yet delivered, as the pages do (docs/protocol.md, "Delivery, acknowledgement
 * and resume"): the server stores what it lacks and relays again what it had already taken. After
 * {@code buffer_full} (the peer is away with too much unread) the pause doubles with each refused
 * re-send, up to {@link #BUFFER_FULL_MAX_MS}, and the next {@code delivered} ends it at once.
 */
final class ChatTraffic {
  /** The pause before a refused envelope goes again: long enough for a busy store to recover. */
  static final long RESEND_AFTER_MS = 2_000;
  /** The longest pause between re-sends the peer's full buffer keeps refusing. */
  static final long BUFFER_FULL_MAX_MS = 30_000;
  /** Refusals a re-send can overcome: the server was busy, or the peer behind. */
  private static final java.util.Set<String> PASSING = java.util.Set.of("unavailable", "internal", "buffer_full");
  private final Vertx vertx;
  private final Connection connection;
  private final Warnings warnings;
  private final Map<String, ChatSession> sessions = new ConcurrentHashMap<>();
  private final Mailbox<ReceivedMessage> messages = new Mailbox<>();
  private volatile Handler<ReceivedMessage> listener;
  private volatile Handler<String> onGap = chatId -> { };
  /** Per chat, the re-send a timer is running for. */
  private final Map<String, Resend> resends = new ConcurrentHashMap<>();
  /** Per chat, re-sends made for {@code bad_sequence} alone since the last {@code delivered}. */
  private final Map<String, Integer> outOfStep = new ConcurrentHashMap<>();
  /** Per chat, the pause after the next {@code buffer_full}, while it keeps doubling. */
  private final Map<String, Long> fullPause = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong turns = new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param after             envelopes above this seq go again
   * @param onlyOutOfSequence every refusal behind it was {@code bad_sequence}
   * @param waitingForRoom    the peer's full buffer refused it: a {@code delivered} sends it at once
   * @param turn              tells the timer it is still this re-send's
   */
  private record Resend(long after, boolean onlyOutOfSequence, boolean waitingForRoom, long turn) {
    Resend join(Resend other) {
      return new Resend(Math.min(after, other.after), onlyOutOfSequence && other.onlyOutOfSequence,
          waitingForRoom, turn);
    }
  }

  ChatTraffic(Vertx vertx, Connection connection, Warnings warnings) {
    this.vertx = vertx;
    this.connection = connection;
    this.warnings = warnings;
    connection.on("msg", this::onMsg);
    connection.on("delivered", this::onDelivered);
    connection.on("error", this::onError);
    connection.on("ended", f -> {
      ChatSession s = sessions.get(f.getString("chatId"));
      if (s != null) {
        s.end();
        resends.remove(s.chatId());
        outOfStep.remove(s.chatId());
        fullPause.remove(s.chatId());
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
      outOfStep.remove(s.chatId());
      fullPause.remove(s.chatId());
      // The peer read, so its buffer has room: what it refused goes now, not after the back-off.
      Resend waiting = resends.get(s.chatId());
      if (waiting != null && waiting.waitingForRoom() && resends.remove(s.chatId(), waiting)) {
        resend(s, waiting);
      }
    }
  }

  /**
   * A refused envelope goes again after a pause, from the seq the server names; after
   * {@code bad_sequence} (an earlier one is missing) every one not yet delivered goes. Refusals
   * during the pause join the one re-send. Out of sequence alone twice over, with nothing delivered
   * between, the server and this client disagree about what it holds, which only a resume tells:
   * the third time {@link #onGap} is told instead. (A busy server's {@code unavailable} with the
   * {@code bad_sequence} of the envelopes behind it is not a disagreement.) Any other refusal (the
   * chat is not open, or not here) cannot pass by re-sending: after the pause {@link #onGap} is
   * told, and the resume tells where the chat stands.
   */
  private void onError(JsonObject f) {
    String chatId = f.getString("chatId");
    ChatSession s = chatId == null || !"msg".equals(f.getString("ref")) ? null : sessions.get(chatId);
    if (s == null) {
      return;
    }
    boolean outOfSequence = "bad_sequence".equals(f.getString("code"));
    if (!outOfSequence && !PASSING.contains(f.getString("code"))) {
      vertx.setTimer(RESEND_AFTER_MS, t -> {
        if (!s.ended()) {
          onGap.handle(chatId);
        }
      });
      return;
    }
    boolean full = "buffer_full".equals(f.getString("code"));
    Resend asked = new Resend(outOfSequence ? 0 : Math.max(0, f.getLong("seq", 0L) - 1), outOfSequence, full,
        turns.incrementAndGet());
    if (resends.merge(chatId, asked, Resend::join) != asked) {
      return; // joined the re-send already scheduled
    }
    long pause = RESEND_AFTER_MS;
    if (full) {
      pause = fullPause.getOrDefault(chatId, RESEND_AFTER_MS);
      fullPause.put(chatId, Math.min(pause * 2, BUFFER_FULL_MAX_MS));
    }
    vertx.setTimer(pause, t -> {
      Resend due = resends.get(chatId);
      if (due != null && due.turn() == asked.turn() && resends.remove(chatId, due)) {
        resend(s, due);
      }
    });
  }

  private void resend(ChatSession s, Resend due) {
    if (s.ended() || !connection.isOpen()) {
      return; // a resume re-sends what the server lacks
    }
    if (due.onlyOutOfSequence() && outOfStep.merge(s.chatId(), 1, Integer::sum) > 2) {
      outOfStep.remove(s.chatId());
      onGap.handle(s.chatId());
      return;
    }
    s.unackedAfter(due.after()).forEach(e -> connection.send(e.toFrame()));
  }
}
