package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceCertificate;
import no.lytt.crypto.DeviceKeys;

/**
 * A counsellor console: logs in over HTTP, registers its device keys, then on {@code /ws/console}
 * names its device ({@code hello}), goes on duty, accepts visitors (making a fresh chat key and
 * chatId per chat, signed by the device), completes the handshake when the visitor's {@code enc}
 * arrives, and chats in several conversations at once. After a dropped connection,
 * {@link #reconnect()} resumes every chat it still holds keys for.
 */
public final class CounsellorClient {
  private final Warnings warnings = new Warnings();
  private final Connection connection;
  private final ChatTraffic traffic;
  private final ConsoleHttp http;
  private volatile URI base;
  private volatile String origin;
  private final DeviceKeys device;
  private final CounsellorOffers offers;
  private volatile DeviceCertificate certificate;
  private volatile boolean named;
  private volatile HandoverAnswer handoverAnswer = HandoverAnswer.TAKE;
  private final Mover mover;
  private final Vertx vertx;
  /** The last queue view: it is state, so a handler set after it came still hears it. */
  private volatile JsonObject lastQueue;
  /** Where queue frames arrive: the replay to a late handler runs there too, in turn with them. */
  private volatile io.vertx.core.Context queueContext;
  private volatile Handler<JsonObject> queueHandler;

  /**
   * @param base   the server's HTTP origin, e.g. {@code http://localhost:8080/}
   * @param origin the {@code Origin} header to send (the page's origin), or null for none
   */
  public CounsellorClient(Vertx vertx, URI base, String origin, DeviceKeys device,
                          SecureRandom random) {
    this(vertx, base, origin, device, random, ClientOptions.defaults());
  }

  public CounsellorClient(Vertx vertx, URI base, String origin, DeviceKeys device,
                          SecureRandom random, ClientOptions options) {
    this.connection = new Connection(vertx, warnings, options);
    this.traffic = new ChatTraffic(vertx, connection, warnings);
    this.http = new ConsoleHttp(vertx, base, origin);
    this.base = base;
    this.origin = origin;
    this.device = device;
    this.offers = new CounsellorOffers(device, random);
    connection.on("handshake", f -> offers.complete(f, warnings, traffic::add));
    connection.on("resumed", f -> traffic.resend(f.getString("chatId"), f.getLong("lastSeq", 0L)));
    connection.on("handover", this::answerHandover);
    this.vertx = vertx;
    connection.on("queue", q -> {
      queueContext = Vertx.currentContext();
      lastQueue = q;
      Handler<JsonObject> handler = queueHandler;
      if (handler != null) {
        handler.handle(q);
      }
    });
    // On the new node the device is named again, so accepting works there as it did here.
    this.mover = new Mover(vertx, () -> reconnect().compose(w -> named ? hello() : Future.succeededFuture(w)),
        warnings);
    connection.onMoved(mover::move);
  }

  public Future<Void> login(String username, String password) {
    return http.login(username, password);
  }

  /** {@code POST /api/devices} with this device's public keys; keeps the certificate if issued. */
  public Future<JsonObject> registerDevice() {
    return http.json(HttpMethod.POST, "/api/devices", new JsonObject()
            .put("idPub", B64u.encode(device.idPub())).put("encPub", B64u.encode(device.encPub())))
        .onSuccess(this::keepCertificate);
  }

  /** {@code GET /api/devices/{deviceId}}: picks up a certificate issued since registration. */
  public Future<JsonObject> refreshDevice() {
    return http.json(HttpMethod.GET, "/api/devices/" + device.deviceId(), null)
        .onSuccess(this::keepCertificate);
  }

  /** Opens {@code /ws/console} with the session cookie; completes with {@code welcome}. */
  public Future<JsonObject> connect() {
    return connection.open(wsUri(), origin, http.cookieHeader());
  }

  /**
   * Names this device. Completes with the server's {@code hello} echo, or fails with
   * {@code device_not_certified}.
   */
  public Future<JsonObject> hello() {
    return connection.request(new JsonObject().put("type", "hello")
        .put("deviceId", device.deviceId()), "hello", f -> true).onSuccess(f -> named = true);
  }

  public Future<JsonObject> duty(boolean on, int capacity) {
    return duty(on ? "on" : "off", capacity);
  }

  /** {@code status} is {@code on}, {@code break} or {@code off}; completes with the {@code duty} answer. */
  public Future<JsonObject> duty(String status, int capacity) {
    return connection.request(new JsonObject().put("type", "duty").put("status", status)
        .put("capacity", capacity), "duty", f -> true);
  }

  /**
   * Takes the next matching visitor. Completes with {@code accepted}; the chat itself is
   * {@link #chat(String)}, complete once the visitor's handshake arrives. Fails with the
   * {@link ProtocolError} ({@code no_match}, {@code capacity_reached}, …) otherwise.
   */
  public Future<JsonObject> accept() {
    JsonObject accept = offers.newAccept();
    String chatId = accept.getString("chatId");
    return connection.request(accept, "accepted", f -> chatId.equals(f.getString("chatId")))
        .onFailure(e -> offers.refused(chatId, e));
  }

  /**
   * {@code colleagues}: who {@code chatId} could be handed to now. Completes with the answer frame
   * ({@code colleagues} array of {@code username}, {@code displayName}, {@code matches}, {@code free}).
   */
  public Future<JsonObject> colleagues(String chatId) {
    return connection.request(new JsonObject().put("type", "colleagues").put("chatId", chatId), "colleagues",
        f -> chatId.equals(f.getString("chatId")));
  }

  /**
   * Asks to hand {@code chatId} to colleague {@code username}. Completes with {@code transferring}
   * once the colleague's console has been asked; the chat runs on until it ends with
   * {@code by: "transferred"}, or a {@code transfer_failed} frame says it stays.
   */
  public Future<JsonObject> transfer(String chatId, String username) {
    return connection.request(new JsonObject().put("type", "transfer").put("chatId", chatId).put("to", username),
        "transferring", f -> chatId.equals(f.getString("chatId")));
  }

  /** How this console answers a colleague's {@code handover}. */
  public enum HandoverAnswer {
    /** A fresh chat key in {@code take}, as the console page does. */
    TAKE,
    /** {@code decline}, as a console without a certified device or key does. */
    DECLINE,
    /** Nothing, as a console whose socket dropped with the frame on its way. */
    IGNORE
  }

  public void answerHandovers(HandoverAnswer answer) {
    this.handoverAnswer = answer;
  }

  /**
   * A colleague hands a visitor over: a fresh chat key, as for {@code accept}. The server answers
   * {@code accepted} (with {@code transferred: true}) and the visitor's handshake follows as for any
   * offer; {@link #chat(String)} of the new chat id completes then.
   */
  private void answerHandover(JsonObject handover) {
    String transferId = handover.getString("transferId");
    if (handoverAnswer != HandoverAnswer.TAKE) {
      if (handoverAnswer == HandoverAnswer.DECLINE) {
        connection.send(new JsonObject().put("type", "decline").put("transferId", transferId));
      }
      return;
    }
    JsonObject take = offers.newTake(transferId);
    String chatId = take.getString("chatId");
    connection.request(take, "accepted", f -> chatId.equals(f.getString("chatId")))
        .onFailure(e -> offers.refused(chatId, e));
  }

  /** The chat with {@code chatId}, once its handshake has completed. */
  public Future<ChatSession> chat(String chatId) {
    return offers.chat(chatId);
  }

  public Future<Long> send(String chatId, String text) {
    return traffic.sendText(chatId, text);
  }

  /** Sends a referral card, sealed like a text message. */
  public Future<Long> sendCard(String chatId, ReferralCard card) {
    return traffic.sendCard(chatId, card);
  }

  public Future<ReceivedMessage> nextMessage() {
    return traffic.next(m -> true);
  }

  public Future<ReceivedMessage> nextMessage(String chatId) {
    return traffic.next(m -> m.chatId().equals(chatId));
  }

  /**
   * Calls {@code handler} with every {@code queue} frame (on the connection's event loop), as the
   * console's queue view is updated; replaces the previous handler. A view that came before is
   * handed to it at once: the server sends a view only when it shows something new, so one that
   * came before the handler may be the only one for a while.
   */
  public void onQueue(Handler<JsonObject> handler) {
    queueHandler = handler;
    io.vertx.core.Context context = queueContext;
    if (lastQueue != null && context != null) {
      JsonObject seen = lastQueue;
      // On the loop the frames arrive on, so a view that came meanwhile was handed over already
      // and is not handed over again; only while this handler is still the one set.
      context.runOnContext(v -> {
        if (queueHandler == handler && lastQueue == seen) {
          handler.handle(seen);
        }
      });
    }
  }

  /**
   * {@code handler} hears the chat id when a message arrives after a gap. It is not shown; the
   * pages reconnect and resume at once, which brings the missing ones.
   */
  public void onGap(Handler<String> handler) {
    traffic.onGap(handler);
  }

  /** Every later message, of any chat, goes to {@code handler} instead of {@link #nextMessage()}. */
  public void onMessage(Handler<ReceivedMessage> handler) {
    traffic.onMessage(handler);
  }

  public Future<Void> typing(String chatId) {
    return traffic.typing(chatId);
  }

  public Future<Void> end(String chatId) {
    return traffic.end(chatId);
  }

  public Future<Void> disconnect() {
    return connection.disconnect();
  }

  /**
   * Reconnects and resumes every chat this console holds keys for that the server still lists
   * in {@code welcome.chats}. Completes with the {@code welcome} once every resume is answered.
   */
  public Future<JsonObject> reconnect() {
    return reconnect(base, origin);
  }

  /**
   * {@link #reconnect()} to another node (the session is shared through the store), as after a
   * node restart behind a load balancer.
   */
  public Future<JsonObject> reconnect(URI newBase, String newOrigin) {
    this.base = newBase;
    this.origin = newOrigin;
    return connect().compose(welcome -> {
      List<Future<JsonObject>> resumes = new ArrayList<>();
      JsonArray listed = welcome.getJsonArray("chats", new JsonArray());
      for (int i = 0; i < listed.size(); i++) {
        JsonObject chat = listed.getJsonObject(i);
        String chatId = chat.getString("chatId");
        if (chat.getString("enc") != null && offers.awaitsHandshake(chatId)) {
          // The visitor's handshake came while this console was away.
          offers.complete(new JsonObject().put("chatId", chatId).put("enc", chat.getString("enc")), warnings, traffic::add);
        }
        ChatSession s = traffic.sessions().get(chatId);
        if (s != null && !s.ended()) {
          resumes.add(connection.request(new JsonObject().put("type", "resume")
              .put("chatId", chatId).put("lastSeq", s.lastReceivedSeq()), "resumed",
              f -> chatId.equals(f.getString("chatId"))));
        }
      }
      return Future.all(resumes).map(welcome);
    });
  }

  /** The session of {@code chatId}, or null when this console holds no keys for it. */
  public ChatSession session(String chatId) {
    return traffic.sessions().get(chatId);
  }

  /** How many times this console has moved to another node at a draining node's request. */
  public int moves() {
    return mover.moves();
  }

  public String deviceId() {
    return device.deviceId();
  }

  /** The certificate the server returned for this device, or null while pending. */
  public DeviceCertificate certificate() {
    return certificate;
  }

  public FrameInbox frames() {
    return connection.inbox();
  }

  public List<String> warnings() {
    return warnings.all();
  }

  /** The callback list, over this console's session. */
  public CallbackDesk callbacks() {
    return new CallbackDesk(http, device);
  }

  public Transport transport() {
    return connection.transport();
  }

  public Future<Void> close() {
    offers.destroyAll();
    return connection.close().eventually(http::close);
  }

  private void keepCertificate(JsonObject deviceInfo) {
    JsonObject cert = deviceInfo.getJsonObject("certificate");
    if (cert != null) {
      certificate = DeviceCertificate.fromJsonMap(cert.getMap());
    }
  }

  private URI wsUri() {
    String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + base.getRawAuthority() + "/ws/console");
  }
}
