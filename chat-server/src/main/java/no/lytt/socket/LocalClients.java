package no.lytt.socket;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import no.lytt.relay.Notifier;

/**
 * The visitors and counsellors connected to this node. One live connection per visitor and per
 * counsellor: a newer one (a resume) replaces the older, which is closed with 4000.
 */
public final class LocalClients implements Notifier {
  public static final short REPLACED = 4000;
  private final ConcurrentMap<String, Connection> visitors = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Connection> counsellors = new ConcurrentHashMap<>();
  private final ConcurrentMap<Connection, Boolean> allVisitors = new ConcurrentHashMap<>();

  public void attachVisitor(String visitorId, Connection c) {
    Connection old = visitors.put(visitorId, c);
    if (old != null && old != c) {
      old.close(REPLACED, "replaced");
    }
  }

  /** Detaches only if {@code c} is still the visitor's connection (not already replaced). */
  public boolean detachVisitor(String visitorId, Connection c) {
    return visitors.remove(visitorId, c);
  }

  public boolean visitorPresent(String visitorId) {
    return visitors.containsKey(visitorId);
  }

  public void attachCounsellor(String username, Connection c) {
    Connection old = counsellors.put(username, c);
    if (old != null && old != c) {
      old.close(REPLACED, "replaced");
    }
  }

  public boolean detachCounsellor(String username, Connection c) {
    return counsellors.remove(username, c);
  }

  public boolean counsellorPresent(String username) {
    return counsellors.containsKey(username);
  }

  /** Closes a counsellor's console, e.g. at logout. */
  public void closeCounsellor(String username, short code, String reason) {
    Connection c = counsellors.remove(username);
    if (c != null) {
      c.close(code, reason);
    }
  }

  @Override
  public void toVisitor(String visitorId, JsonObject frame) {
    Connection c = visitors.get(visitorId);
    if (c != null) {
      c.send(frame);
    }
  }

  @Override
  public void toCounsellor(String username, JsonObject frame) {
    Connection c = counsellors.get(username);
    if (c != null) {
      c.send(frame);
    }
  }

  /** Every visitor connection — queued, chatting or just looking — gets opening and closing. */
  @Override
  public void toAllVisitors(JsonObject frame) {
    allVisitors.keySet().forEach(c -> c.send(frame));
  }

  public void visitorConnected(Connection c) {
    allVisitors.put(c, Boolean.TRUE);
  }

  public void visitorDisconnected(Connection c) {
    allVisitors.remove(c);
  }

  public int visitorConnections() {
    return allVisitors.size();
  }
}
