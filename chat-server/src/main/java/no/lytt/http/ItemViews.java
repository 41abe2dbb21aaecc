package no.lytt.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import no.lytt.callback.CallbackSchedule;
import no.lytt.callback.Item;
import no.lytt.callback.ItemState;

/** Callbacks and tickets as the API shows them: to the visitor by code, to the console by id. */
final class ItemViews {
  private ItemViews() {
  }

  /** What the visitor's status page shows; "claimed" is still "waiting" to them. */
  static JsonObject forVisitor(Item i, int position, int maxAttempts) {
    String state = switch (i.state()) {
      case WAITING, CLAIMED -> "waiting";
      case CALLING -> "calling";
      case RETRY -> "no_answer";
      default -> i.state().wire();
    };
    JsonObject view = new JsonObject().put("id", i.id()).put("kind", i.kind().wire()).put("state", state)
        .put("expiresAt", ms(i.expiresAt())).put("reply", sealed(i.reply()));
    if (i.kind() == Item.Kind.CALLBACK) {
      view.put("attempts", i.attempts()).put("maxAttempts", maxAttempts).put("nextTryAt", ms(i.nextTryAt()))
          .put("windows", windows(i));
    } else {
      view.put("position", i.state() == ItemState.WAITING ? position : null).put("placeUntil", ms(i.placeUntil()));
    }
    return view;
  }

  /**
   * A callback for one console device: only that device's sealed copy, or why there is none (the
   * request was sealed before this device was certified, so it was never sealed to its key).
   */
  static JsonObject callbackForConsole(Item i, String deviceId, String username, CallbackSchedule schedule,
                                       Instant now) {
    return readable(new JsonObject().put("id", i.id()).put("category", schedule.category(i, now).wire())
        .put("state", i.state().wire()).put("windows", windows(i)).put("preference", i.preference().wire())
        .put("language", i.language().code()).put("createdAt", ms(i.createdAt())).put("expiresAt", ms(i.expiresAt()))
        .put("attempts", i.attempts()).put("nextTryAt", ms(i.nextTryAt()))
        .put("claimedBy", i.claimedAt(now) ? i.claimedBy() : null)
        .put("claimedByMe", i.claimedAt(now) && username.equals(i.claimedBy()))
        .put("replied", i.reply() != null), i, deviceId);
  }

  static JsonObject ticketForConsole(Item t, int position, String deviceId) {
    return readable(new JsonObject().put("id", t.id()).put("position", position).put("takenAt", ms(t.createdAt()))
        .put("placeUntil", ms(t.placeUntil())).put("hasMessage", !t.sealed().isEmpty())
        .put("replied", t.reply() != null), t, deviceId);
  }

  private static JsonObject readable(JsonObject view, Item i, String deviceId) {
    Item.Sealed mine = deviceId == null ? null : i.sealed().get(deviceId);
    return view.put("sealed", sealed(mine))
        .put("unreadable", mine == null && !i.sealed().isEmpty() ? "sealed_before_device" : null);
  }

  private static JsonArray windows(Item i) {
    JsonArray out = new JsonArray();
    i.windows().forEach(w -> out.add(new JsonObject().put("from", ms(w.from())).put("to", ms(w.to()))));
    return out;
  }

  static JsonObject sealed(Item.Sealed s) {
    return s == null ? null : new JsonObject().put("enc", s.enc()).put("ct", s.ct());
  }

  private static Long ms(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
