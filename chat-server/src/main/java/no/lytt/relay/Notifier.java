package no.lytt.relay;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Optional;

/**
 * Delivers frames to whoever is connected. The services decide what to say and to whom; this
 * decides how it gets there (a socket on this node today, another node through Redis later).
 * Frames to somebody not connected are dropped: what must survive a disconnect is in the store.
 */
public interface Notifier {
  void toVisitor(String visitorId, JsonObject frame);

  void toCounsellor(String username, JsonObject frame);

  /**
   * The queue view to the consoles of {@code usernames}: a node may write it once for all of them,
   * and skip a console whose last view showed the same visitors (only {@code now} moved).
   */
  default void showQueue(Collection<String> usernames, JsonObject view) {
    usernames.forEach(u -> toCounsellor(u, view));
  }

  void toAllVisitors(JsonObject frame);

  /**
   * {@code frame} for a visitor attached to another node, for the store to pass on with the write
   * it follows from; empty when the visitor is here, or when there are no other nodes.
   */
  default Optional<Forward> forwardToVisitor(String visitorId, JsonObject frame) {
    return Optional.empty();
  }

  /** {@link #forwardToVisitor} for a counsellor. */
  default Optional<Forward> forwardToCounsellor(String username, JsonObject frame) {
    return Optional.empty();
  }
}
