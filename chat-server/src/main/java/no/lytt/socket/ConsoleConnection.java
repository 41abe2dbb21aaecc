package no.lytt.socket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.crypto.CryptoException;
import no.lytt.crypto.DeviceCertificate;
import no.lytt.presence.Duty;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Fields;
import no.lytt.protocol.Frames;
import no.lytt.protocol.LyttException;
import no.lytt.relay.Chat;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import no.lytt.relay.Side;
import no.lytt.stats.Counter;

/**
 * A logged-in counsellor's console socket: duty, the live queue, accepting visitors, and any number
 * of chats up to the counsellor's capacity, each told apart by chatId.
 */
final class ConsoleConnection implements FrameHandler {
  private static final int MAX_CT_BYTES = 8192 + 16;
  private final Connection conn;
  private final SocketServices s;
  private final Account account;
  private Device device;
  private final ConsoleTransfers transfers;

  ConsoleConnection(Connection conn, SocketServices services, Account account) {
    this.conn = conn;
    this.s = services;
    this.account = account;
    this.transfers = new ConsoleTransfers(conn, services, account, () -> device);
  }

  /** The first frame: who the counsellor is, their duty, and the chats they can resume. */
  Future<JsonObject> welcome() {
    String user = account.username();
    // The welcome waits for the location too: the chats it lists are resumed next, and a visitor's
    // message must then find this console from any node.
    Future<Void> attached = s.clients().attachCounsellor(user, conn);
    s.grace().cancel("c:" + user);
    // Duty is recorded with the node the console is on; a console back on another node (after a
    // restart or a crash) records it again, or it would count as gone with the old node.
    Future<Duty> recorded = s.duty().get(user).compose(d -> d.status() != Duty.Status.OFF
        ? s.duty().set(user, d.status(), d.capacity(), 0) : Future.succeededFuture(d));
    return Future.all(recorded, s.relay().chatsOf(user), attached).compose(all -> {
      Duty duty = all.resultAt(0);
      List<Chat> chats = all.resultAt(1);
      List<Future<JsonObject>> described = chats.stream().map(this::describe).toList();
      return Future.all(described).map(d -> Frames.of("welcome").put("v", Frames.VERSION)
          .put("counsellor", new JsonObject().put("username", user)
              .put("displayName", account.displayName()).put("gender", account.gender().wire())
              .put("languages", new JsonArray(account.languages().stream().map(l -> l.code()).sorted().toList())))
          .put("duty", dutyFields(new JsonObject(), duty))
          .put("maxCapacity", s.duty().maxCapacity())
          .put("reminderSeconds", s.queueReminder().toSeconds())
          .put("chats", new JsonArray(described.stream().map(Future::result).toList())));
    });
  }

  private Future<JsonObject> describe(Chat c) {
    return Future.all(s.store().lastReceived(c.chatId(), Direction.TO_COUNSELLOR),
        s.clients().visitorPresent(c.visitor().id())).map(all -> {
          JsonObject chat = new JsonObject()
              .put("chatId", c.chatId()).put("state", c.state().name().toLowerCase())
              .put("peer", all.<Boolean>resultAt(1) ? "back" : "away")
              .put("lastSeq", all.<Long>resultAt(0)).put("visitor", Frames.visitorSummary(c.visitor()));
          // The visitor's handshake may have come while this console was away: with enc here it
          // can still complete the chat it holds the key for.
          if (c.enc() != null) {
            chat.put("enc", c.enc());
          }
          return chat;
        });
  }

  @Override
  public Future<?> handle(String type, JsonObject frame, Fields f) {
    return switch (type) {
      case "hello" -> hello(f);
      case "duty" -> duty(f);
      case "accept" -> accept(f);
      case "msg" -> chat(f).compose(c -> {
        Envelope envelope = new Envelope(f.positiveLong("seq"), f.b64uUpTo("ct", MAX_CT_BYTES));
        return s.relay().send(c, Side.COUNSELLOR, envelope).onSuccess(v -> s.relayed(Side.COUNSELLOR, envelope.ct()));
      });
      case "ack" -> chat(f).compose(c -> s.relay().ack(c, Side.COUNSELLOR, f.nonNegativeLong("seq")));
      case "typing" -> chat(f).map(c -> {
        s.relay().typing(c, Side.COUNSELLOR);
        return null;
      });
      case "end" -> chat(f).compose(c -> s.relay().end(c.chatId(), "counsellor", Counter.CHATS_COMPLETED))
          .onSuccess(v -> s.clients().queueChanged());
      case "resume" -> resume(f);
      case "colleagues", "transfer", "take", "decline" -> transfers.handle(type, f);
      default -> throw new LyttException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type.");
    };
  }

  private Future<?> hello(Fields f) {
    String deviceId = f.string("deviceId", 64);
    return s.store().device(deviceId).map(found -> {
      Device d = found.filter(x -> x.username().equals(account.username()))
          .filter(Device::certified)
          .filter(x -> validNow(x, s.organisationKey(), s.clock().instant()))
          .orElseThrow(() -> new LyttException(ErrorCode.DEVICE_NOT_CERTIFIED,
              "This device is not certified for your account."));
      device = d;
      conn.send(Frames.of("hello").put("deviceId", d.deviceId()));
      return null;
    });
  }

  /**
   * The stored certificate is checked, not trusted: signed by the organisation key, for this very
   * device, and valid now. Whoever can write to the store (a compromised Redis) cannot make a
   * device of theirs acceptable without the organisation's private key.
   */
  static boolean validNow(Device d, byte[] organisationKey, Instant now) {
    try {
      DeviceCertificate cert = DeviceCertificate.fromJsonMap(d.certificate());
      return cert.deviceId().equals(d.deviceId())
          && cert.verify(organisationKey, now.getEpochSecond()) == DeviceCertificate.Status.OK;
    } catch (CryptoException | IllegalArgumentException e) {
      return false;
    }
  }

  private Future<?> duty(Fields f) {
    // "status" is on, break or off; a console that sends only "on" means on or off.
    Duty.Status status = f.has("status")
        ? Duty.Status.fromWire(f.string("status", 8)).orElseThrow(
            () -> new LyttException(ErrorCode.BAD_FRAME, "Field 'status' must be on, break or off."))
        : f.bool("on") ? Duty.Status.ON : Duty.Status.OFF;
    int capacity = status != Duty.Status.OFF ? f.intInRange("capacity", 1, s.duty().maxCapacity()) : 0;
    String user = account.username();
    return s.relay().chatsOf(user)
        .compose(open -> s.duty().set(user, status, capacity, open.size()))
        .compose(d -> {
          conn.send(dutyFields(Frames.of("duty"), d));
          conn.forgetQueueShown();
          s.clients().queueChanged();
          return Future.succeededFuture();
        });
  }

  private static JsonObject dutyFields(JsonObject to, Duty d) {
    return to.put("status", d.status().wire()).put("on", d.onDuty()).put("capacity", d.capacity());
  }

  private Future<?> accept(Fields f) {
    if (device == null) {
      throw new LyttException(ErrorCode.DEVICE_NOT_CERTIFIED, "Say hello with a certified device first.");
    }
    String chatId = f.b64u("chatId", 16);
    String chatPub = f.b64u("chatPub", 32);
    String sig = f.b64u("chatKeySig", 64);
    return s.dispatcher().accept(account, device, chatId, chatPub, sig).compose(chat -> {
      s.metrics().queueWait.observe(java.time.Duration.between(chat.visitor().joinedAt(), s.clock().instant())
          .toMillis() / 1000.0);
      conn.send(Frames.chatEvent("accepted", chat.chatId()).put("visitor", Frames.visitorSummary(chat.visitor())));
      s.offerTimeouts().offered(chat.chatId());
      s.clients().queueChanged();
      return Future.succeededFuture();
    });
  }

  private Future<?> resume(Fields f) {
    long lastSeq = f.nonNegativeLong("lastSeq");
    return chat(f).compose(c -> {
      conn.holdLive(c.chatId());
      return s.relay().resume(c, Side.COUNSELLOR, lastSeq).map(r -> {
        List<JsonObject> replay = new ArrayList<>();
        replay.add(Frames.chatEvent("resumed", c.chatId()).put("lastSeq", r.lastSeqFromSide()));
        r.unseen().forEach(e -> replay.add(Frames.msg(c.chatId(), e)));
        conn.replayed(c.chatId(), replay, r.unseen().stream().mapToLong(Envelope::seq).max().orElse(lastSeq));
        s.relay().presence(c, Side.COUNSELLOR, true);
        return null;
      }).onFailure(e -> conn.replayed(c.chatId(), List.of(), lastSeq));
    });
  }

  private Future<Chat> chat(Fields f) {
    return s.relay().chatOf(f.string("chatId", 64), Side.COUNSELLOR, account.username());
  }

  @Override
  public void closed() {
    String user = account.username();
    if (!s.clients().detachCounsellor(user, conn)) {
      return;
    }
    s.relay().chatsOf(user).onSuccess(chats -> chats.forEach(c -> s.relay().presence(c, Side.COUNSELLOR, false)));
    s.grace().start("c:" + user, () -> expire(user));
  }

  /** The console did not come back in time: its chats end and the counsellor goes off duty. */
  private void expire(String user) {
    s.clients().counsellorPresent(user).compose(back -> back ? Future.succeededFuture() : s.relay().chatsOf(user)
        .compose(chats -> Future.all(chats.stream()
            .map(c -> s.relay().end(c.chatId(), "timeout", Counter.CHATS_TIMED_OUT)).toList()))
        .compose(v -> s.duty().leave(user))
        .onSuccess(v -> s.clients().queueChanged()))
        .onFailure(e -> s.grace().retry("c:" + user, () -> expire(user)));
  }
}
