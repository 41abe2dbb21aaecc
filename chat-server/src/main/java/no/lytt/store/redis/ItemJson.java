package no.lytt.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.lytt.callback.CallbackWindow;
import no.lytt.callback.Item;
import no.lytt.callback.ItemState;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;

/**
 * A callback or ticket as a Redis value. {@code version} and {@code lookupHash} are read by the
 * scripts, so the version is a string: Lua's cjson would turn a large number into a float.
 */
final class ItemJson {
  private ItemJson() {
  }

  static String write(Item i) {
    JsonObject sealed = new JsonObject();
    i.sealed().forEach((device, s) -> sealed.put(device, sealed(s)));
    JsonArray windows = new JsonArray();
    i.windows().forEach(w -> windows.add(new JsonArray().add(w.from().toString()).add(w.to().toString())));
    return new JsonObject().put("id", i.id()).put("kind", i.kind().wire()).put("lookupHash", i.lookupHash())
        .put("sealed", sealed).put("windows", windows).put("preference", i.preference().wire())
        .put("language", i.language().code()).put("createdAt", i.createdAt().toString())
        .put("expiresAt", i.expiresAt().toString()).put("placeUntil", text(i.placeUntil()))
        .put("state", i.state().wire()).put("attempts", i.attempts()).put("nextTryAt", text(i.nextTryAt()))
        .put("claimedBy", i.claimedBy()).put("claimedUntil", text(i.claimedUntil()))
        .put("reply", i.reply() == null ? null : sealed(i.reply())).put("version", Long.toString(i.version()))
        .encode();
  }

  static Item read(String json) {
    JsonObject o = new JsonObject(json);
    Map<String, Item.Sealed> sealed = new HashMap<>();
    o.getJsonObject("sealed").forEach(e -> sealed.put(e.getKey(), sealed((JsonObject) e.getValue())));
    List<CallbackWindow> windows = o.getJsonArray("windows").stream().map(w -> (JsonArray) w)
        .map(w -> new CallbackWindow(Instant.parse(w.getString(0)), Instant.parse(w.getString(1)))).toList();
    JsonObject reply = o.getJsonObject("reply");
    return new Item(o.getString("id"), Item.Kind.valueOf(o.getString("kind").toUpperCase(java.util.Locale.ROOT)),
        o.getString("lookupHash"), sealed, windows, Preference.fromWire(o.getString("preference")).orElseThrow(),
        Language.fromCode(o.getString("language")).orElseThrow(), Instant.parse(o.getString("createdAt")),
        Instant.parse(o.getString("expiresAt")), instant(o.getString("placeUntil")),
        ItemState.fromWire(o.getString("state")).orElseThrow(), o.getInteger("attempts"),
        instant(o.getString("nextTryAt")), o.getString("claimedBy"), instant(o.getString("claimedUntil")),
        reply == null ? null : sealed(reply), Long.parseLong(o.getString("version")));
  }

  private static JsonObject sealed(Item.Sealed s) {
    return new JsonObject().put("enc", s.enc()).put("ct", s.ct());
  }

  private static Item.Sealed sealed(JsonObject o) {
    return new Item.Sealed(o.getString("enc"), o.getString("ct"));
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
