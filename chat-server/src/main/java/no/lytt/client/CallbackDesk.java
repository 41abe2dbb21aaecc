package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceKeys;
import no.lytt.crypto.Sealed;

/**
 * The console's callback list: claim, call, record the outcome, open what was sealed to this
 * device, and seal a reply to the visitor's code (to the {@code replyPub} found inside the sealed
 * contents, so the store cannot substitute its own key).
 */
public final class CallbackDesk {
  private final ConsoleHttp http;
  private final DeviceKeys device;

  CallbackDesk(ConsoleHttp http, DeviceKeys device) {
    this.http = http;
    this.device = device;
  }

  /** {@code GET /api/console/callbacks} for this device. */
  public Future<JsonObject> list() {
    return http.json(HttpMethod.GET, "/api/console/callbacks?deviceId=" + device.deviceId(), null);
  }

  /** {@code action}: claim, called, no-answer or done. */
  public Future<JsonObject> act(String id, String action) {
    return http.json(HttpMethod.POST, "/api/console/callbacks/" + id + "/" + action, new JsonObject());
  }

  /** Opens this device's sealed copy of an item from {@link #list()}. */
  public JsonObject open(JsonObject item) {
    JsonObject sealed = item.getJsonObject("sealed");
    if (sealed == null) {
      throw new ProtocolError(item.getString("unreadable", "not_sealed"), "Nothing sealed to this device.", null);
    }
    return new JsonObject(Sealed.openAsDevice(new Sealed.Box(sealed.getString("enc"), sealed.getString("ct")),
        device.encryptionKeyPair(), device.deviceId(), item.getString("id")));
  }

  /** Seals {@code text} to the visitor's reply key (from the opened contents) and sends it. */
  public Future<Void> reply(JsonObject item, String text) {
    JsonObject opened = open(item);
    Sealed.Box box = Sealed.reply(B64u.decode(opened.getString("replyPub"), 32), item.getString("id"),
        new JsonObject().put("t", "reply").put("text", text).encode());
    return http.json(HttpMethod.POST, "/api/console/items/" + item.getString("id") + "/reply",
        new JsonObject().put("enc", box.enc()).put("ct", box.ct())).mapEmpty();
  }
}
