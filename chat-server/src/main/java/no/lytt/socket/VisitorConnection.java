package no.lytt.socket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import no.lytt.callback.Item;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Fields;
import no.lytt.protocol.Frames;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.queue.QueueService;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatState;
import no.lytt.relay.Envelope;
import no.lytt.relay.Side;
import no.lytt.stats.Counter;
import no.lytt.store.VisitorPlace;
import no.lytt.wrapup.VisitorAnswers;

/**
 * One anonymous visitor's socket: joins the queue, answers the counsellor's offer, relays sealed
 * envelopes, and resumes after a drop. It knows the visitor only by a random queue id and the hash
 * of their resume token.
 */
final class VisitorConnection implements FrameHandler {
  private static final int MAX_CT_BYTES = 8192 + 16;
  private final Connection conn;
  private final SocketServices s;
  private String visitorId;
  private String tokenHash;
  private String chatId;
  /** This visit's optional answers, each counted at most once. */
  private final VisitorAnswers.Once answered = new VisitorAnswers.Once();

  VisitorConnection(Connection conn, SocketServices services) {
    this.conn = conn;
    this.s = services;
  }

  @Override
  public Future<?> handle(String type, JsonObject frame, Fields f) {
    return switch (type) {
      case "join" -> join(f);
      case "leave" -> leave();
      case "resume" -> resume(f);
      case "handshake" -> handshake(f);
      case "reject" -> reject(f);
      case "msg" -> chat(f).compose(c -> {
        Envelope envelope = new Envelope(f.positiveLong("seq"), f.b64uUpTo("ct", MAX_CT_BYTES));
        return s.relay().send(c, Side.VISITOR, envelope).onSuccess(v -> s.relayed(Side.VISITOR, envelope.ct()));
      });
      case "ack" -> chat(f).compose(c -> s.relay().ack(c, Side.VISITOR, f.nonNegativeLong("seq")));
      case "typing" -> chat(f).map(c -> {
        s.relay().typing(c, Side.VISITOR);
        return null;
      });
      case "end" -> chat(f).compose(c -> s.relay().end(c.chatId(), "visitor", Counter.CHATS_COMPLETED));
      case "source" -> answer("source", () -> s.answers().source(f.string("id", 40)));
      case "helpful" -> answer("helpful", () -> s.answers().helpful(f.string("answer", 8)));
      default -> throw new LyttException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type.");
    };
  }

  /**
   * An optional answer ({@code source} while queued, {@code helpful} after the chat): only from a
   * visitor who joined on this connection, once per question; a refused answer may be given again.
   */
  private Future<?> answer(String question, java.util.function.Supplier<Future<Void>> count) {
    requireVisitor();
    answered.take(question);
    Future<Void> counted;
    try {
      counted = count.get();
    } catch (RuntimeException e) {
      counted = Future.failedFuture(e);
    }
    return counted.onSuccess(v -> conn.send(Frames.of("answered").put("question", question)))
        .onFailure(e -> answered.giveBack(question));
  }

  private Future<?> join(Fields f) {
    Preference preference = Preference.fromWire(f.string("preference", 8)).orElseThrow(
        () -> new LyttException(ErrorCode.BAD_FRAME, "Field 'preference' must be none, man or woman."));
    Language language = Language.fromCode(f.string("language", 8)).orElseThrow(
        () -> new LyttException(ErrorCode.BAD_FRAME, "Field 'language' must be nb or en."));
    String outOfHoursTicket = f.has("ticket") ? f.b64u("ticket", 32) : null;
    return inNoPlace().compose(v -> broughtTicket(outOfHoursTicket)).compose(brought -> {
      Instant joinedAt = brought.map(Item::createdAt).orElseGet(() -> s.clock().instant());
      QueueService.Ticket ticket = s.queue().newTicket(preference, language, joinedAt);
      // Attached before enqueueing, so an offer made the instant the visitor is queued finds them;
      // and such an offer waits until the visitor has been told they are queued. Both steps are
      // sent at once; a visitor whose location could not be recorded would never hear an offer
      // made on another node, so they leave again and hear `unavailable`.
      conn.holdOffers();
      Future<Void> attached = attach(ticket.entry().id(), ticket.entry().tokenHash());
      return s.queue().join(ticket)
          .compose(joined -> attached.transform(a -> a.succeeded() ? Future.succeededFuture(joined)
              : s.queue().leave(ticket.entry().id()).transform(x -> Future.<QueueService.Joined>failedFuture(a.cause()))))
          .compose(joined -> brought.map(t -> s.tickets().useUp(t)
                  .onSuccess(v -> s.clients().itemsChanged())
                  .recover(e -> s.queue().leave(ticket.entry().id()).transform(x -> Future.failedFuture(e))))
              .orElse(Future.succeededFuture()).map(joined))
          .onFailure(e -> {
            detach();
            conn.joinFailed();
          })
          .map(joined -> {
            conn.joined(Frames.of("joined").put("resumeToken", joined.token())
                .put("position", joined.position())
                .put("estimatedWaitSeconds", orNull(joined.estimatedWaitSeconds())));
            if (joined.movedOthers()) {
              s.clients().queueChangedHere();
            }
            return null;
          });
    });
  }

  /**
   * The out-of-hours ticket a joining visitor brings (its lookup value), if any: the visitor then
   * goes where the ticket was taken, ahead of everyone who came later. Tickets are used only
   * while the line is open.
   */
  private Future<Optional<Item>> broughtTicket(String outOfHoursTicket) {
    if (outOfHoursTicket == null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (!s.queue().isOpen()) {
      return Future.failedFuture(new LyttException(ErrorCode.CLOSED, "The service is closed right now."));
    }
    return s.tickets().valid(outOfHoursTicket).map(Optional::of);
  }

  /** A visitor may join when not queued and not in a running chat. */
  private Future<Void> inNoPlace() {
    if (tokenHash == null) {
      return Future.succeededFuture();
    }
    return s.store().findVisitor(tokenHash).map(place -> {
      if (place.isPresent()) {
        throw new LyttException(ErrorCode.WRONG_STATE, "You are already in the queue or in a chat.");
      }
      detach();
      return null;
    });
  }

  private Future<?> leave() {
    if (visitorId == null) {
      throw new LyttException(ErrorCode.WRONG_STATE, "You are not in the queue.");
    }
    String id = visitorId;
    return s.queue().leave(id).compose(left -> {
      if (left) {
        conn.send(Frames.of("left"));
        s.clients().queueChanged();
        return Future.succeededFuture();
      }
      // Accepted at the same moment: leaving now ends the chat that was just offered.
      return s.store().findVisitor(tokenHash).compose(place -> place.flatMap(VisitorPlace::chat)
          .map(c -> s.relay().end(c.chatId(), "visitor", Counter.CONTACTS_ABANDONED)
              .map(x -> (Void) null))
          .orElse(Future.succeededFuture())
          .onSuccess(v -> conn.send(Frames.of("left"))));
    });
  }

  private Future<?> resume(Fields f) {
    if (visitorId != null) {
      throw new LyttException(ErrorCode.WRONG_STATE, "Resume is the first frame of a new connection.");
    }
    String token = f.string("token", 64);
    long lastSeq = f.nonNegativeLong("lastSeq");
    String hash = Ids.hash(token);
    return s.store().findVisitor(hash).compose(found -> {
      VisitorPlace place = found.orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND,
          "This conversation is no longer available."));
      if (place.queued().isPresent()) {
        return attachOrUndo(place.queued().get().id(), hash).compose(v -> s.queue().placeOf(visitorId)).map(at -> {
          conn.send(Frames.of("resumed").put("state", "queued").put("chatId", (String) null)
              .put("lastSeq", 0).put("position", at.position())
              .put("estimatedWaitSeconds", orNull(at.estimatedWaitSeconds())));
          return null;
        });
      }
      Chat chat = place.chat().orElseThrow();
      boolean chatting = chat.state() != ChatState.OFFERED;
      if (chatting) {
        // Live envelopes wait until the stored ones have gone out after `resumed`.
        conn.holdLive(chat.chatId());
      }
      // Recorded before the envelopes are read: one the counsellor sends after the read is routed
      // here then, whichever store shard holds the location and the chat.
      return attachOrUndo(chat.visitor().id(), hash)
          .onFailure(e -> {
            if (chatting) {
              conn.replayed(chat.chatId(), List.of(), lastSeq);
            }
          })
          .compose(v -> resumeChat(chat, hash, lastSeq));
    });
  }

  private Future<?> resumeChat(Chat chat, String hash, long lastSeq) {
    if (chat.state() == ChatState.OFFERED) {
      conn.send(resumed("offered", chat.chatId(), 0));
      conn.send(Frames.offer(chat));
      return Future.succeededFuture();
    }
    chatId = chat.chatId();
    return s.relay().resume(chat, Side.VISITOR, lastSeq).map(r -> {
      List<JsonObject> replay = new ArrayList<>();
      replay.add(resumed("chatting", chat.chatId(), r.lastSeqFromSide()));
      r.unseen().forEach(e -> replay.add(Frames.msg(chat.chatId(), e)));
      conn.replayed(chat.chatId(), replay, r.unseen().stream().mapToLong(Envelope::seq).max().orElse(lastSeq));
      s.relay().presence(chat, Side.VISITOR, true);
      return null;
    }).onFailure(e -> conn.replayed(chat.chatId(), List.of(), lastSeq))
        .recover(e -> handedOverMeanwhile(hash, chat.chatId(), e));
  }

  /**
   * The chat was handed to a colleague while this resume was on its way (its envelopes went with
   * it): the visitor now holds the colleague's offer, and gets that instead of an error.
   */
  private <T> Future<T> handedOverMeanwhile(String hash, String resumedChatId, Throwable failure) {
    return s.store().findVisitor(hash).otherwise(Optional.empty()).compose(place -> place.flatMap(VisitorPlace::chat)
        .filter(c -> c.state() == ChatState.OFFERED && !c.chatId().equals(resumedChatId))
        .map(offered -> {
          conn.send(resumed("offered", offered.chatId(), 0));
          conn.send(Frames.offer(offered));
          return Future.<T>succeededFuture();
        })
        .orElseGet(() -> Future.failedFuture(failure)));
  }

  private static JsonObject resumed(String state, String chatId, long lastSeq) {
    return Frames.of("resumed").put("state", state).put("chatId", chatId).put("lastSeq", lastSeq)
        .put("position", (Integer) null).put("estimatedWaitSeconds", (Long) null);
  }

  private Future<?> handshake(Fields f) {
    requireVisitor();
    String id = f.string("chatId", 64);
    String enc = f.b64u("enc", 32);
    return s.relay().handshake(id, visitorId, enc).map(c -> {
      chatId = c.chatId();
      return null;
    });
  }

  private Future<?> reject(Fields f) {
    requireVisitor();
    String id = f.string("chatId", 64);
    f.string("reason", 32);
    return s.relay().chatOf(id, Side.VISITOR, visitorId)
        .compose(c -> s.relay().end(c.chatId(), "visitor", Counter.CHATS_REJECTED));
  }

  private Future<Chat> chat(Fields f) {
    requireVisitor();
    return s.relay().chatOf(f.string("chatId", 64), Side.VISITOR, visitorId);
  }

  private void requireVisitor() {
    if (visitorId == null) {
      throw new LyttException(ErrorCode.WRONG_STATE, "Join the queue or resume first.");
    }
  }

  private Future<Void> attach(String id, String hash) {
    if (conn.isClosed()) {
      // The client left while the store answered, and may be back on a newer connection already:
      // attaching this one now would close that one and take its frames.
      return Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE, "This connection has closed."));
    }
    visitorId = id;
    tokenHash = hash;
    s.grace().cancel("v:" + id);
    return s.clients().attachVisitor(id, conn);
  }

  /** A resume that cannot record where the visitor is fails, and may be sent again. */
  private Future<Void> attachOrUndo(String id, String hash) {
    return attach(id, hash).onFailure(e -> detach());
  }

  private void detach() {
    if (visitorId != null) {
      s.clients().detachVisitor(visitorId, conn);
    }
    visitorId = null;
    tokenHash = null;
    chatId = null;
  }

  @Override
  public void closed() {
    s.clients().visitorDisconnected(conn);
    if (visitorId == null || !s.clients().detachVisitor(visitorId, conn)) {
      return;
    }
    String id = visitorId;
    String hash = tokenHash;
    s.store().findVisitor(hash).onSuccess(place -> place.flatMap(VisitorPlace::chat)
        .ifPresent(c -> s.relay().presence(c, Side.VISITOR, false)));
    s.grace().start("v:" + id, () -> expire(id, hash));
  }

  /** The visitor did not come back in time: the queue place or the chat is released. */
  private void expire(String id, String hash) {
    // The visitor may have come back on another node; only then is the place still theirs.
    s.clients().visitorPresent(id).compose(back -> back ? Future.<Void>succeededFuture() : release(id, hash))
        .onFailure(e -> s.grace().retry("v:" + id, () -> expire(id, hash)));
  }

  private Future<Void> release(String id, String hash) {
    return s.store().findVisitor(hash).compose(place -> {
      if (place.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      if (place.get().queued().isPresent()) {
        return s.queue().leave(id).<Void>mapEmpty().onSuccess(v -> s.clients().queueChanged());
      }
      return s.relay().end(place.get().chat().orElseThrow().chatId(), "timeout", Counter.CHATS_TIMED_OUT)
          .<Void>mapEmpty().onSuccess(v -> s.clients().queueChanged());
    });
  }

  private static Long orNull(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }
}
