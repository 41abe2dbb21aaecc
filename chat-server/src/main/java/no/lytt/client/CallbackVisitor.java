package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceCertificate;
import no.lytt.crypto.Sealed;
import no.lytt.crypto.VisitorCode;

/**
 * The visitor page's callback and ticket flows, with the same crypto: it makes the code and the
 * item id itself, fetches the team's certificates, keeps only those that verify under the pinned
 * organisation key now, seals the contents to each (docs/crypto.md, "Sealed to the team"), and
 * reads a counsellor's reply with the key pair derived from the code alone.
 */
public final class CallbackVisitor {
  /** A request or ticket stored by the server: the code to show, and the item id. */
  /** @param request what was sent, to send again as a page does after a lost answer */
  public record Issued(VisitorCode code, String id, JsonObject answer, JsonObject request) {
  }

  private final ConsoleHttp http;
  private final byte[] organisationKey;
  private final Clock clock;
  private final SecureRandom random;

  public CallbackVisitor(Vertx vertx, URI base, String origin, byte[] organisationKey, Clock clock,
                         SecureRandom random) {
    this.http = new ConsoleHttp(vertx, base, origin);
    this.organisationKey = organisationKey.clone();
    this.clock = clock;
    this.random = random;
  }

  /** The certificates served as the team's that verify under the pinned key; the rest are dropped. */
  public Future<List<DeviceCertificate>> teamKeys() {
    long now = clock.instant().getEpochSecond();
    return http.json(HttpMethod.GET, "/api/team/keys", null).map(b -> b.getJsonArray("certificates").stream()
        .map(o -> DeviceCertificate.fromJsonMap(((JsonObject) o).getMap()))
        .filter(c -> c.verify(organisationKey, now) == DeviceCertificate.Status.OK).toList());
  }

  /**
   * {@code POST /api/callbacks}: phone and note sealed to every certified device, the windows in
   * the clear. Completes once the server has stored it durably.
   */
  public Future<Issued> requestCallback(String phone, String note, List<Instant[]> windows, String preference,
                                        String language) {
    VisitorCode code = VisitorCode.random(random);
    JsonObject inner = new JsonObject().put("t", "callback").put("phone", phone).put("note", note)
        .put("replyPub", B64u.encode(code.replyKeyPair().publicKey()));
    JsonArray ws = new JsonArray();
    windows.forEach(w -> ws.add(new JsonObject().put("from", w[0].toEpochMilli()).put("to", w[1].toEpochMilli())));
    return sealedBody(code, inner).compose(body -> http.json(HttpMethod.POST, "/api/callbacks",
            body.put("windows", ws).put("preference", preference).put("language", language))
        .map(answer -> new Issued(code, body.getString("id"), answer, body)));
  }

  /** Sends a callback request again, unchanged: the answer a page gets when it retries. */
  public Future<JsonObject> resendCallback(Issued issued) {
    return http.json(HttpMethod.POST, "/api/callbacks", issued.request());
  }

  /** {@code POST /api/tickets}, with a first message sealed to the team when {@code message} is not null. */
  public Future<Issued> takeTicket(String message) {
    VisitorCode code = VisitorCode.random(random);
    if (message == null) {
      JsonObject body = new JsonObject().put("id", newId()).put("lookup", code.lookup()).put("sealed", new JsonObject());
      return http.json(HttpMethod.POST, "/api/tickets", body).map(a -> new Issued(code, body.getString("id"), a, body));
    }
    JsonObject inner = new JsonObject().put("t", "ticket").put("message", message)
        .put("replyPub", B64u.encode(code.replyKeyPair().publicKey()));
    return sealedBody(code, inner).compose(body -> http.json(HttpMethod.POST, "/api/tickets", body)
        .map(answer -> new Issued(code, body.getString("id"), answer, body)));
  }

  private Future<JsonObject> sealedBody(VisitorCode code, JsonObject inner) {
    String id = newId();
    return teamKeys().map(certs -> {
      if (certs.isEmpty()) {
        throw new ProtocolError("no_team_keys", "No certified counsellor device to seal to.", null);
      }
      JsonObject sealed = new JsonObject();
      for (DeviceCertificate c : certs) {
        Sealed.Box box = Sealed.toDevice(c.encPub(), c.deviceId(), id, inner.encode());
        sealed.put(c.deviceId(), new JsonObject().put("enc", box.enc()).put("ct", box.ct()));
      }
      return new JsonObject().put("id", id).put("lookup", code.lookup()).put("sealed", sealed);
    });
  }

  /** {@code POST /api/code/status} with the code typed back in. */
  public Future<JsonObject> status(String codeText) {
    return http.json(HttpMethod.POST, "/api/code/status",
        new JsonObject().put("lookup", VisitorCode.parse(codeText).lookup()));
  }

  /** {@code POST /api/code/status} with a raw lookup value (a forged one, in tests). */
  public Future<JsonObject> statusByLookup(String lookup) {
    return http.json(HttpMethod.POST, "/api/code/status", new JsonObject().put("lookup", lookup));
  }

  public Future<Void> cancel(String codeText) {
    return http.json(HttpMethod.POST, "/api/code/cancel",
        new JsonObject().put("lookup", VisitorCode.parse(codeText).lookup())).mapEmpty();
  }

  /** {@code POST /api/code/withdraw}: what a page does with a request whose answer it lost. */
  public Future<Void> withdraw(Issued issued) {
    return http.json(HttpMethod.POST, "/api/code/withdraw", new JsonObject().put("id", issued.id())
        .put("lookup", issued.request().getString("lookup"))).mapEmpty();
  }

  /** The counsellor's reply text from a status answer, opened with the code alone; null when none. */
  public static String readReply(String codeText, JsonObject status) {
    JsonObject reply = status.getJsonObject("reply");
    if (reply == null) {
      return null;
    }
    String inner = Sealed.openReply(new Sealed.Box(reply.getString("enc"), reply.getString("ct")),
        VisitorCode.parse(codeText).replyKeyPair(), status.getString("id"));
    return new JsonObject(inner).getString("text");
  }

  public Future<Void> close() {
    return http.close();
  }

  private String newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return B64u.encode(b);
  }
}
