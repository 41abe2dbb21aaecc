package no.lytt.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.lytt.callback.CallbackService;
import no.lytt.callback.CallbackWindow;
import no.lytt.callback.Item;
import no.lytt.callback.NewItem;

/** Reads the bodies of a new callback or ticket; anything malformed is a {@code bad_frame} error. */
public final class CallbackBodies {
  private CallbackBodies() {
  }

  public static NewItem newItem(JsonObject b) {
    Map<String, Item.Sealed> sealed = new HashMap<>();
    Object raw = b.getValue("sealed");
    if (raw != null && !(raw instanceof JsonObject)) {
      throw CallbackApi.bad("Field 'sealed' must be an object.");
    }
    if (raw instanceof JsonObject o) {
      for (String device : o.fieldNames()) {
        if (!(o.getValue(device) instanceof JsonObject box) || !(box.getValue("enc") instanceof String enc)
            || !(box.getValue("ct") instanceof String ct)) {
          throw CallbackApi.bad("Field 'sealed' must map device ids to {enc, ct}.");
        }
        sealed.put(device, new Item.Sealed(enc, ct));
      }
    }
    return new NewItem(CallbackApi.text(b, "id"), CallbackApi.text(b, "lookup"), sealed);
  }

  public static List<CallbackWindow> windows(Object raw) {
    if (!(raw instanceof JsonArray list) || list.size() > CallbackService.MAX_WINDOWS) {
      throw CallbackApi.bad("Field 'windows' must be a list of at most " + CallbackService.MAX_WINDOWS + " {from, to}.");
    }
    List<CallbackWindow> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof JsonObject w) || !(w.getValue("from") instanceof Number from)
          || !(w.getValue("to") instanceof Number to) || from.longValue() >= to.longValue()) {
        throw CallbackApi.bad("Each window is {from, to} in epoch milliseconds, from before to.");
      }
      out.add(new CallbackWindow(Instant.ofEpochMilli(from.longValue()), Instant.ofEpochMilli(to.longValue())));
    }
    return out;
  }

}
