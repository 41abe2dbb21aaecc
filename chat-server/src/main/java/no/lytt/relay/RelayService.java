package no.lytt.relay;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Frames;
import no.lytt.protocol.LyttException;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.stats.TimeBuckets;
import no.lytt.wrapup.WrapUps;
import no.lytt.store.Store;
import no.lytt.store.StoreUnavailableException;

/**
 * Moves sealed envelopes between the two sides of a chat and keeps them until acknowledged, so a
 * dropped connection loses nothing and a re-send is never shown twice. It never sees plaintext: an
 * envelope is a sequence number and ciphertext.
 */
public final class RelayService {
  private static final System.Logger LOG = System.getLogger("lytt.relay");
  private final Store store;
  private final Notifier notifier;
  private final Stats stats;
  private final Clock clock;
  private final int maxUnacked;
  private final Here here;
  private final KnownChats known = new KnownChats(10_000);
  private final HeldEnvelopes held = new HeldEnvelopes();
  /** How many of a resuming side's last unacknowledged envelopes go to its peer again. */
  private static final int REPUSHED_TAIL = 4;

  /** Whether a side of a chat is connected to this node. */
  @FunctionalInterface
  public interface Here {
    boolean connected(Side side, String who);
  }

  public RelayService(Store store, Notifier notifier, Stats stats, Clock clock, int maxUnacked, Here here) {
    this.store = store;
    this.notifier = notifier;
    this.stats = stats;
    this.clock = clock;
    this.maxUnacked = maxUnacked;
    this.here = here;
  }

  /**
   * The chat, if it exists and {@code side} identified by {@code who} belongs to it. Who belongs to
   * an open chat never changes, so an open chat seen once is answered from memory: no store round trip per
   * message, and membership checks keep working while the store is away. The store scripts still
   * decide whether the chat is open.
   */
  public Future<Chat> chatOf(String chatId, Side side, String who) {
    Chat cached = known.get(chatId);
    Future<Optional<Chat>> found = cached != null ? Future.succeededFuture(Optional.of(cached))
        : store.chat(chatId).onSuccess(c -> c.filter(ch -> ch.state() == ChatState.OPEN).ifPresent(known::put));
    return found.map(f -> f
        .filter(c -> side == Side.VISITOR ? c.visitor().id().equals(who) : c.counsellor().equals(who))
        .orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such chat.")));
  }

  private boolean bothHere(Chat chat) {
    return here.connected(Side.VISITOR, chat.visitor().id()) && here.connected(Side.COUNSELLOR, chat.counsellor());
  }

  /** The visitor answered the offer: the chat opens and the counsellor gets the encapsulated key. */
  public Future<Chat> handshake(String chatId, String visitorId, String enc) {
    return chatOf(chatId, Side.VISITOR, visitorId)
        .compose(c -> store.openChat(chatId, enc))
        .map(opened -> opened.orElseThrow(
            () -> new LyttException(ErrorCode.WRONG_STATE, "This chat is already open.")))
        .onSuccess(c -> {
          known.put(c);
          held.stored(chatId, Direction.TO_COUNSELLOR, 0);
          held.stored(chatId, Direction.TO_VISITOR, 0);
          notifier.toCounsellor(c.counsellor(), Frames.handshake(chatId, enc));
        });
  }

  public Future<Void> send(Chat chat, Side from, Envelope envelope) {
    Direction d = Direction.sentBy(from);
    JsonObject frame = Frames.msg(chat.chatId(), envelope);
    Optional<Forward> forward = forward(chat, from.other(), frame);
    return sync(chat.chatId())
        .compose(v -> store.append(chat.chatId(), d, envelope, maxUnacked, forward.orElse(null)))
        .onSuccess(r -> {
          if (r.result() == AppendResult.ACCEPTED) {
            held.stored(chat.chatId(), d, envelope.seq());
          }
        })
        .recover(e -> outage(e, chat, () -> held.hold(chat.chatId(), d, envelope, maxUnacked).map(Forwarded::notForwarded)))
        .map(appended -> {
      switch (appended.result()) {
        // DUPLICATE: a re-send after a refusal. The store may have taken it all the same (its
        // answer timed out), and then nobody relayed it. It goes to the receiver again, who drops
        // a seq it has already opened.
        case ACCEPTED, DUPLICATE -> {
          if (!appended.forwarded()) {
            deliver(chat, from.other(), frame);
          }
        }
        case GAP -> throw new LyttException(ErrorCode.BAD_SEQUENCE,
            "Expected the next sequence number; resume to re-sync.");
        case FULL -> throw new LyttException(ErrorCode.BUFFER_FULL,
            "Too many messages are waiting for the other side.");
        case NO_CHAT -> throw new LyttException(ErrorCode.WRONG_STATE, "This chat is not open.");
        default -> throw new IllegalStateException(appended.result().name());
      }
      return null;
    });
  }

  /** The receiver has everything up to {@code seq}; the sender learns it was delivered. */
  public Future<Void> ack(Chat chat, Side receiver, long seq) {
    Direction d = Direction.receivedBy(receiver);
    JsonObject frame = Frames.delivered(chat.chatId(), seq);
    // Acknowledging nothing (seq 0) tells the sender nothing.
    Optional<Forward> forward = seq > 0 ? forward(chat, receiver.other(), frame) : Optional.empty();
    return sync(chat.chatId())
        .compose(v -> store.ack(chat.chatId(), d, seq, forward.orElse(null)))
        .onSuccess(acked -> {
          if (acked.result()) {
            held.ackStored(chat.chatId(), d, seq);
          }
        })
        .recover(e -> outage(e, chat, () -> Optional.of(Forwarded.notForwarded(held.ackHeld(chat.chatId(), d, seq)))))
        .map(acked -> {
      if (!acked.result()) {
        throw new LyttException(ErrorCode.BAD_FRAME, "Cannot acknowledge a message never sent.");
      }
      if (seq > 0 && !acked.forwarded()) {
        deliver(chat, receiver.other(), frame);
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
    if (chat.state() == ChatState.OPEN) {
      known.put(chat);
    }
    Direction out = Direction.sentBy(side);
    return sync(chat.chatId()).compose(v -> {
      // Five independent steps, sent together: one round trip instead of five. The acknowledgement
      // does not change what is pending after lastSeq, and one beyond what the store holds is
      // refused without effect (that case is answered below from lastIn).
      Future<Long> lastIn = store.lastReceived(chat.chatId(), in);
      Future<Void> acked = ack(chat, side, lastSeq);
      Future<List<Envelope>> unseen = store.pending(chat.chatId(), in, lastSeq);
      Future<Long> mine = store.lastReceived(chat.chatId(), out);
      Future<List<Envelope>> tail = tailForPeer(chat, out);
      return Future.join(List.of(lastIn, acked, unseen, mine, tail)).transform(all -> {
        if (lastIn.failed()) {
          return Future.failedFuture(lastIn.cause());
        }
        if (lastSeq > lastIn.result()) {
          // The client saw messages the store never kept (relayed during a Redis outage by a node
          // that died before writing them back): the conversation cannot continue without a hole.
          return lost(new LyttException(ErrorCode.MESSAGES_LOST,
              "Messages of this chat were lost with a server; it cannot continue."), chat);
        }
        Throwable failed = acked.failed() ? acked.cause() : unseen.failed() ? unseen.cause()
            : mine.failed() ? mine.cause() : tail.failed() ? tail.cause() : null;
        if (failed != null) {
          return lost(failed, chat);
        }
        held.stored(chat.chatId(), in, lastIn.result());
        held.stored(chat.chatId(), out, mine.result());
        tail.result().forEach(e -> deliver(chat, side.other(), Frames.msg(chat.chatId(), e)));
        return Future.succeededFuture(new Resumption(mine.result(), unseen.result()));
      });
    });
  }

  /**
   * A side that resumes may have sent a message the store took but nobody relayed: its answer
   * timed out (the write did not), or its node stopped before routing it. A peer who is connected
   * would not see it until its own next resume: for the last message of a conversation, perhaps
   * never. So the last few envelopes of this side that the peer has not acknowledged go to the peer
   * again; it drops any it has already opened, and one out of order makes it resume. The read is
   * one of the resume's steps, so when it fails the resume fails and is asked again; envelopes
   * already expired are the peer's resume's to report.
   */
  private Future<List<Envelope>> tailForPeer(Chat chat, Direction out) {
    return store.pendingTail(chat.chatId(), out, REPUSHED_TAIL).recover(e ->
        e instanceof LyttException le && le.code() == ErrorCode.MESSAGES_LOST
            ? Future.succeededFuture(List.of()) : Future.failedFuture(e));
  }

  /**
   * Ends a chat for both sides. Only the first caller gets the chat back from the store, so a chat
   * ended from both sides at once is announced and counted once.
   */
  public Future<Optional<Chat>> end(String chatId, String by, Counter counter) {
    return sync(chatId).otherwiseEmpty().compose(v -> store.endChat(chatId)).compose(ended -> {
      known.remove(chatId);
      held.forget(chatId);
      if (ended.isEmpty()) {
        return Future.succeededFuture(ended);
      }
      Chat chat = ended.get();
      notifier.toVisitor(chat.visitor().id(), Frames.ended(chatId, by));
      notifier.toCounsellor(chat.counsellor(), Frames.ended(chatId, by));
      Duration length = Duration.between(chat.createdAt(), clock.instant());
      // Remembered for the counsellor's wrap-up; a chat that cannot be remembered still ends. A
      // chat the visitor never opened had no conversation, so it has no length to count. The three
      // writes do not depend on each other, so none waits for another.
      Future<Void> counted = chat.state() == ChatState.OPEN
          ? stats.count(counter.key(), TimeBuckets.durationKey(length))
          : stats.count(counter);
      return Future.all(store.rememberEndedChat(chatId, chat.counsellor(), WrapUps.REMEMBERED).otherwiseEmpty(),
              counted,
              counter == Counter.CHATS_COMPLETED ? store.recordChatDuration(length) : Future.succeededFuture())
          .map(ended);
    });
  }

  /**
   * An offer nobody answered (its frame lost on the way, or the visitor's page gone quiet): the
   * visitor goes back to their place in the queue, and the counsellor is told.
   */
  public Future<Optional<Chat>> takeBack(String chatId) {
    return store.takeBack(chatId).onSuccess(taken -> taken.ifPresent(c -> {
      known.remove(chatId);
      held.forget(chatId);
      notifier.toCounsellor(c.counsellor(), Frames.ended(chatId, "unanswered"));
    }));
  }

  /** A chat this node may have cached is gone (handed to a colleague): its frames now go nowhere. */
  public void forget(String chatId) {
    known.remove(chatId);
    held.forget(chatId);
  }

  public Future<List<Chat>> chatsOf(String username) {
    return store.chatsOf(username);
  }

  /**
   * Held ciphertext expired before its receiver came back: rather than continue with a hole in the
   * conversation, the chat ends for both sides and the returning side is told why.
   */
  private <T> Future<T> lost(Throwable e, Chat chat) {
    if (e instanceof LyttException le && le.code() == ErrorCode.MESSAGES_LOST) {
      return end(chat.chatId(), "lost", Counter.CHATS_TIMED_OUT).transform(ended -> Future.failedFuture(e));
    }
    return Future.failedFuture(e);
  }

  /**
   * The store cannot be reached: a chat with both sides on this node carries on from memory
   * ({@code fallback}); anything else reports the outage.
   */
  private <T> Future<T> outage(Throwable e, Chat chat, java.util.function.Supplier<Optional<T>> fallback) {
    if (!(e instanceof StoreUnavailableException) || !bothHere(chat)) {
      return Future.failedFuture(e);
    }
    return fallback.get().map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(e));
  }

  /** Writes what was relayed during an outage to the store, in order, before anything else. */
  private Future<Void> sync(String chatId) {
    Future<Void> done = Future.succeededFuture();
    for (Direction d : Direction.values()) {
      HeldEnvelopes.Backlog backlog = held.backlog(chatId, d);
      if (backlog.isEmpty()) {
        continue;
      }
      for (Envelope e : backlog.envelopes()) {
        done = done.compose(v -> store.append(chatId, d, e, Integer.MAX_VALUE)).map(r -> {
          if (r != AppendResult.ACCEPTED && r != AppendResult.DUPLICATE) {
            // The chat ended or moved on meanwhile: what was held has nowhere to go. Its receiver
            // had it delivered live; a later resume reports what the store lacks.
            LOG.log(System.Logger.Level.WARNING, "An envelope relayed during a store outage could not be written back: "
                + r.name().toLowerCase());
          }
          return (Void) null;
        });
      }
      if (backlog.ackUpTo() > 0) {
        done = done.compose(v -> store.ack(chatId, d, backlog.ackUpTo()).mapEmpty());
      }
      long upTo = backlog.envelopes().isEmpty() ? 0 : backlog.envelopes().get(backlog.envelopes().size() - 1).seq();
      done = done.onSuccess(v -> held.synced(chatId, d, upTo, backlog.ackUpTo()));
    }
    return done;
  }

  /** Writes every outage backlog; called periodically so it lands even when a chat goes quiet. */
  public Future<Void> syncAll() {
    held.forgetIdle();
    return Future.join(held.chatsWithBacklog().stream().map(this::sync).toList()).mapEmpty();
  }

  /**
   * The frame for {@code to}, ready to go with the store's write when they are on another node: a
   * message crossing nodes then costs one round trip to the store, not a write and a hand-off.
   */
  private Optional<Forward> forward(Chat chat, Side to, JsonObject frame) {
    return to == Side.VISITOR ? notifier.forwardToVisitor(chat.visitor().id(), frame)
        : notifier.forwardToCounsellor(chat.counsellor(), frame);
  }

  private void deliver(Chat chat, Side to, JsonObject frame) {
    if (to == Side.VISITOR) {
      notifier.toVisitor(chat.visitor().id(), frame);
    } else {
      notifier.toCounsellor(chat.counsellor(), frame);
    }
  }
}
