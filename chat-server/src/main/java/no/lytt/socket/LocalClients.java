package no.lytt.socket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import no.lytt.protocol.FrameText;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The visitors and counsellors connected to this node. One live connection per visitor and per
 * counsellor: a newer one (a resume) replaces the older, which is closed with 4000.
 */
public final class LocalClients implements Clients {
  public static final short REPLACED = 4000;
  private final ConcurrentMap<String, Connection> visitors = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Connection> counsellors = new ConcurrentHashMap<>();
  private final ConcurrentMap<Connection, Boolean> allVisitors = new ConcurrentHashMap<>();
  private volatile Runnable onQueueChanged = () -> { };

  /** What {@link #queueChanged()} runs on this node: the queue's announcement to local clients. */
  public void onQueueChanged(Runnable announce) {
    this.onQueueChanged = announce;
  }

  @Override
  public void queueChanged() {
    onQueueChanged.run();
  }

  @Override
  public void queueChangedHere() {
    onQueueChanged.run();
  }

  @Override
  public void itemsChanged() {
    JsonObject frame = new JsonObject().put("type", "items");
    counsellors.values().forEach(c -> c.send(frame));
  }

  @Override
  public Future<Void> attachVisitor(String visitorId, Connection c) {
    Connection old = visitors.put(visitorId, c);
    if (old != null && old != c) {
      old.close(REPLACED, "replaced");
    }
    return Future.succeededFuture();
  }

  @Override
  public boolean detachVisitor(String visitorId, Connection c) {
    return visitors.remove(visitorId, c);
  }

  public boolean hasVisitor(String visitorId) {
    return visitors.containsKey(visitorId);
  }

  @Override
  public Future<Boolean> visitorPresent(String visitorId) {
    return Future.succeededFuture(hasVisitor(visitorId));
  }

  @Override
  public Future<Void> attachCounsellor(String username, Connection c) {
    Connection old = counsellors.put(username, c);
    if (old != null && old != c) {
      old.close(REPLACED, "replaced");
    }
    return Future.succeededFuture();
  }

  @Override
  public boolean detachCounsellor(String username, Connection c) {
    return counsellors.remove(username, c);
  }

  public boolean hasCounsellor(String username) {
    return counsellors.containsKey(username);
  }

  @Override
  public Future<Boolean> counsellorPresent(String username) {
    return Future.succeededFuture(hasCounsellor(username));
  }

  @Override
  public void closeCounsellor(String username, short code, String reason) {
    Connection c = counsellors.remove(username);
    if (c != null) {
      c.close(code, reason);
    }
  }

  /** Ids of the visitors attached here. */
  public java.util.Set<String> visitorIds() {
    return java.util.Set.copyOf(visitors.keySet());
  }

  /** Usernames of the counsellors attached here. */
  public java.util.Set<String> counsellorNames() {
    return java.util.Set.copyOf(counsellors.keySet());
  }

  /** Another node holds this visitor now: the connection here is stale and goes without a trace. */
  public void dropVisitor(String visitorId) {
    Connection c = visitors.remove(visitorId);
    if (c != null) {
      c.close(REPLACED, "replaced");
    }
  }

  /** Another node holds this console now. */
  public void dropCounsellor(String username) {
    Connection c = counsellors.remove(username);
    if (c != null) {
      c.close(REPLACED, "replaced");
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

  /**
   * Written once for all: the queue view goes to every console on duty at each change. What it
   * shows, without the clock, tells a console that already shows it (see {@link Connection#showQueue}).
   */
  @Override
  public void showQueue(Collection<String> usernames, JsonObject view) {
    String text = null;
    String shows = null;
    for (String username : usernames) {
      Connection c = counsellors.get(username);
      if (c != null) {
        if (text == null) {
          text = FrameText.of(view);
          JsonObject withoutClock = view.copy();
          withoutClock.remove("now");
          shows = FrameText.of(withoutClock);
        }
        c.showQueue(text, shows);
      }
    }
  }

  /** Every visitor connection — queued, chatting or just looking — gets opening and closing. */
  @Override
  public void toAllVisitors(JsonObject frame) {
    String text = FrameText.of(frame);
    allVisitors.keySet().forEach(c -> c.send(frame, text));
  }

  @Override
  public void visitorConnected(Connection c) {
    allVisitors.put(c, Boolean.TRUE);
  }

  @Override
  public void visitorDisconnected(Connection c) {
    allVisitors.remove(c);
  }

  public int visitorConnections() {
    return allVisitors.size();
  }
}
