package no.lytt.relay;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Frames;
import no.lytt.protocol.LyttException;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * Moves sealed envelopes between the two sides of a chat and keeps them until acknowledged, so a
 * dropped connection loses nothing and a re-send is never shown twice. It never sees plaintext: an
 * envelope is a sequence number and ciphertext.
 */
public final class RelayService {
  private final Store store;
  private final Notifier notifier;
  private final Stats stats;
  private final Clock clock;
  private final int maxUnacked;

  public RelayService(Store store, Notifier notifier, Stats stats, Clock clock, int maxUnacked) {
    this.store = store;
    this.notifier = notifier;
    this.stats = stats;
    this.clock = clock;
    this.maxUnacked = maxUnacked;
  }

  /** The chat, if it exists and {@code side} identified by {@code who} belongs to it. */
  public Future<Chat> chatOf(String chatId, Side side, String who) {
    return store.chat(chatId).map(found -> found
        .filter(c -> side == Side.VISITOR ? c.visitor().id().equals(who) : c.counsellor().equals(who))
        .orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such chat.")));
  }

  /** The visitor answered the offer: the chat opens and the counsellor gets the encapsulated key. */
  public Future<Chat> handshake(String chatId, String visitorId, String enc) {
    return chatOf(chatId, Side.VISITOR, visitorId)
        .compose(c -> store.openChat(chatId, enc))
        .map(opened -> opened.orElseThrow(
            () -> new LyttException(ErrorCode.WRONG_STATE, "This chat is already open.")))
        .onSuccess(c -> notifier.toCounsellor(c.counsellor(), Frames.handshake(chatId, enc)));
  }

  public Future<Void> send(Chat chat, Side from, Envelope envelope) {
    return store.append(chat.chatId(), Direction.sentBy(from), envelope, maxUnacked).map(result -> {
      switch (result) {
        case ACCEPTED -> deliver(chat, from.other(), Frames.msg(chat.chatId(), envelope));
        case DUPLICATE -> { } // a re-send after reconnect; the receiver already has or will get it
        case GAP -> throw new LyttException(ErrorCode.BAD_SEQUENCE,
            "Expected the next sequence number; resume to re-sync.");
        case FULL -> throw new LyttException(ErrorCode.BUFFER_FULL,
            "Too many messages are waiting for the other side.");
        case NO_CHAT -> throw new LyttException(ErrorCode.WRONG_STATE, "This chat is not open.");
        default -> throw new IllegalStateException(result.name());
      }
      return null;
    });
  }

  /** The receiver has everything up to {@code seq}; the sender learns it was delivered. */
  public Future<Void> ack(Chat chat, Side receiver, long seq) {
    return store.ack(chat.chatId(), Direction.receivedBy(receiver), seq).map(ok -> {
      if (!ok) {
        throw new LyttException(ErrorCode.BAD_FRAME, "Cannot acknowledge a message never sent.");
      }
      if (seq > 0) {
        deliver(chat, receiver.other(), Frames.delivered(chat.chatId(), seq));
      }
      return null;
    });
  }

  public void typing(Chat chat, Side from) {
    deliver(chat, from.other(), Frames.chatEvent("typing", chat.chatId()));
  }

  public void presence(Chat chat, Side side, boolean present) {
    deliver(chat, side.other(), Frames.peer(chat.chatId(), present));
  }

  /** What a returning side needs: what the server holds from it, and what it has not seen. */
  public record Resumption(long lastSeqFromSide, List<Envelope> unseen) {
  }

  /**
   * A side comes back having received up to {@code lastSeq}. It gets everything it has not seen
   * again, and the highest sequence number the server holds from it so it can re-send the rest.
   */
  public Future<Resumption> resume(Chat chat, Side side, long lastSeq) {
    Direction in = Direction.receivedBy(side);
    return store.lastReceived(chat.chatId(), in).compose(last -> {
      if (lastSeq > last) {
        return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME,
            "lastSeq is ahead of what was ever sent."));
      }
      return ack(chat, side, lastSeq)
          .compose(v -> store.pending(chat.chatId(), in, lastSeq))
          .compose(unseen -> store.lastReceived(chat.chatId(), Direction.sentBy(side))
              .map(mine -> new Resumption(mine, unseen)));
    });
  }

  /**
   * Ends a chat for both sides. Only the first caller gets the chat back from the store, so a chat
   * ended from both sides at once is announced and counted once.
   */
  public Future<Optional<Chat>> end(String chatId, String by, Counter counter) {
    return store.endChat(chatId).compose(ended -> {
      if (ended.isEmpty()) {
        return Future.succeededFuture(ended);
      }
      Chat chat = ended.get();
      notifier.toVisitor(chat.visitor().id(), Frames.ended(chatId, by));
      notifier.toCounsellor(chat.counsellor(), Frames.ended(chatId, by));
      Duration length = Duration.between(chat.createdAt(), clock.instant());
      return stats.count(counter)
          .compose(v -> counter == Counter.CHATS_COMPLETED ? store.recordChatDuration(length) : Future.succeededFuture())
          .map(ended);
    });
  }

  public Future<List<Chat>> chatsOf(String username) {
    return store.chatsOf(username);
  }

  private void deliver(Chat chat, Side to, io.vertx.core.json.JsonObject frame) {
    if (to == Side.VISITOR) {
      notifier.toVisitor(chat.visitor().id(), frame);
    } else {
      notifier.toCounsellor(chat.counsellor(), frame);
    }
  }
}
