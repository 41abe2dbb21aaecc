package no.lytt.relay;

import io.vertx.core.json.JsonObject;
import java.util.Collection;

/**
 * Delivers frames to whoever is connected. The services decide what to say and to whom; this
 * decides how it gets there (a socket on this node today, another node through Redis later).
 * Frames to somebody not connected are dropped: what must survive a disconnect is in the store.
 */
public interface Notifier {
  void toVisitor(String visitorId, JsonObject frame);

  void toCounsellor(String username, JsonObject frame);

  /** The same frame to several counsellors: a node may write it once for all of them. */
  default void toCounsellors(Collection<String> usernames, JsonObject frame) {
    usernames.forEach(u -> toCounsellor(u, frame));
  }

  void toAllVisitors(JsonObject frame);
}
