package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceId;
import no.lytt.crypto.OrgKey;

/**
 * A deliberately tiny stand-in for the chat server, for the client's own tests until the real
 * server exists: one visitor, one counsellor, one chat, the relay/ack/resume rules of
 * docs/protocol.md and nothing more. It never decrypts anything (it cannot), so the tests still
 * prove the client's crypto end to end. Integration tests against the real server replace it.
 */
final class FakeRelay {
  final List<JsonObject> fromVisitor = new CopyOnWriteArrayList<>();
  /** Every frame from the visitor, for tests to await. */
  final Mailbox<JsonObject> visitorFrames = new Mailbox<>();
  final List<JsonObject> fromCounsellor = new CopyOnWriteArrayList<>();
  final List<String> origins = new CopyOnWriteArrayList<>();
  private final OrgKey org;
  private final long now;
  private final Map<Long, JsonObject> toCounsellor = new TreeMap<>();
  private final Map<Long, JsonObject> toVisitor = new TreeMap<>();
  private HttpServer server;
  private ServerWebSocket visitor;
  private ServerWebSocket counsellor;
  private JsonObject certificate;
  private String chatId;
  private boolean chatting;

  FakeRelay(OrgKey org, long nowEpochSeconds) {
    this.org = org;
    this.now = nowEpochSeconds;
  }

  Future<Integer> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/api/login")) {
        req.response().setStatusCode(204)
            .putHeader("Set-Cookie", "lytt_session=s3cret; Path=/; HttpOnly").end();
      } else if (req.path().equals("/api/devices")) {
        req.body().onSuccess(b -> {
          boolean loggedIn = "lytt_session=s3cret".equals(req.getHeader("Cookie"));
          JsonObject keys = b.toJsonObject();
          byte[] idPub = B64u.decode(keys.getString("idPub"));
          byte[] encPub = B64u.decode(keys.getString("encPub"));
          String deviceId = DeviceId.of(idPub, encPub);
          certificate = new JsonObject(org.certify(deviceId, idPub, encPub, now - 60, now + 3600,
              "Kari").toJsonMap());
          req.response().setStatusCode(loggedIn ? 200 : 401).end(new JsonObject()
              .put("deviceId", deviceId).put("status", "certified")
              .put("certificate", certificate).encode());
        });
      } else {
        req.response().setStatusCode(404).end();
      }
    }).webSocketHandler(this::onSocket);
    return server.listen(0).map(HttpServer::actualPort);
  }

  Future<Void> stop() {
    return server.close();
  }

  private void onSocket(ServerWebSocket ws) {
    origins.add(String.valueOf(ws.headers().get("Origin")));
    boolean isVisitor = ws.path().equals("/ws/visitor");
    JsonObject welcome = new JsonObject().put("type", "welcome").put("v", 1);
    if (!isVisitor) {
      JsonArray chats = new JsonArray();
      if (chatId != null) {
        chats.add(new JsonObject().put("chatId", chatId).put("state", "chatting")
            .put("lastSeq", last(toCounsellor)));
      }
      welcome.put("chats", chats);
    }
    ws.writeTextMessage(welcome.encode());
    ws.textMessageHandler(text -> {
      JsonObject f = new JsonObject(text);
      synchronized (this) {
        (isVisitor ? fromVisitor : fromCounsellor).add(f);
        if (isVisitor) {
          visitorFrames.put(f);
        }
        if (isVisitor) {
          onVisitor(ws, f);
        } else {
          onCounsellor(ws, f);
        }
      }
    });
  }

  private void onVisitor(ServerWebSocket ws, JsonObject f) {
    switch (f.getString("type")) {
      case "join" -> {
        visitor = ws;
        send(ws, new JsonObject().put("type", "joined").put("resumeToken", "tok").put("position", 1));
      }
      case "handshake" -> {
        chatting = true;
        send(counsellor, f);
      }
      case "msg" -> relay(f, toCounsellor, counsellor);
      case "ack" -> acked(f, toVisitor, counsellor);
      case "resume" -> {
        visitor = ws;
        send(ws, new JsonObject().put("type", "resumed").put("state", "chatting")
            .put("chatId", chatId).put("lastSeq", last(toCounsellor)));
        resend(toVisitor, f.getLong("lastSeq"), ws);
      }
      default -> { }
    }
  }

  private void onCounsellor(ServerWebSocket ws, JsonObject f) {
    switch (f.getString("type")) {
      case "hello", "duty" -> {
        counsellor = ws;
        send(ws, f);
      }
      case "accept" -> {
        counsellor = ws;
        chatId = f.getString("chatId");
        send(ws, new JsonObject().put("type", "accepted").put("chatId", chatId)
            .put("visitor", new JsonObject().put("preference", "none").put("language", "nb")));
        send(visitor, new JsonObject().put("type", "offer").put("chatId", chatId)
            .put("chatPub", f.getString("chatPub")).put("chatKeySig", f.getString("chatKeySig"))
            .put("certificate", certificate));
      }
      case "msg" -> relay(f, toVisitor, chatting ? visitor : null);
      case "ack" -> acked(f, toCounsellor, visitor);
      case "resume" -> {
        counsellor = ws;
        send(ws, new JsonObject().put("type", "resumed").put("chatId", chatId)
            .put("lastSeq", last(toVisitor)));
        resend(toCounsellor, f.getLong("lastSeq"), ws);
      }
      default -> { }
    }
  }

  private void relay(JsonObject msg, Map<Long, JsonObject> held, ServerWebSocket to) {
    long seq = msg.getLong("seq");
    if (seq <= last(held)) {
      return; // a resend of something held: dropped silently
    }
    held.put(seq, msg);
    send(to, msg);
  }

  private void acked(JsonObject ack, Map<Long, JsonObject> held, ServerWebSocket sender) {
    long seq = ack.getLong("seq");
    new ArrayList<>(held.keySet()).stream().filter(s -> s <= seq).forEach(s -> held.put(s, null));
    send(sender, new JsonObject().put("type", "delivered").put("chatId", chatId).put("seq", seq));
  }

  private void resend(Map<Long, JsonObject> held, long after, ServerWebSocket to) {
    held.forEach((seq, msg) -> {
      if (seq > after && msg != null) {
        send(to, msg);
      }
    });
  }

  private static long last(Map<Long, JsonObject> held) {
    return held.isEmpty() ? 0 : ((TreeMap<Long, JsonObject>) held).lastKey();
  }

  private static void send(ServerWebSocket to, JsonObject frame) {
    if (to != null && !to.isClosed()) {
      to.writeTextMessage(frame.encode());
    }
  }
}
