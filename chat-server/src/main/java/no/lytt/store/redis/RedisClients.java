package no.lytt.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import no.lytt.relay.Forward;
import no.lytt.socket.Clients;
import no.lytt.socket.Connection;
import no.lytt.socket.LocalClients;

/**
 * Visitors and counsellors across nodes. Each node keeps its own sockets ({@link LocalClients})
 * and records in Redis which node each visitor and counsellor is attached to; a frame for someone
 * on another node goes to that node's inbox, a sharded pub/sub channel.
 *
 * <p>Why this shape: one inbox per node means one subscription per node whatever the number of
 * chats, and the location lookup and the publish are one script, so one round trip and frames to
 * one recipient keep their order. Every inbox and the broadcast channel share the {@code {lytt}}
 * hash tag, so in a Cluster they live on one shard and Lettuce can resubscribe them together
 * after a reconnect. Losing a pub/sub frame while Redis is away loses nothing that matters: chat
 * envelopes are in the store and come back with a resume, queue positions are re-announced.
 */
public final class RedisClients implements Clients {
  private static final Logger LOG = System.getLogger("lytt.redis");
  static final String INBOX = RedisStore.TAG + "inbox:";
  static final String ALL = RedisStore.TAG + "all";
  private static final String AT = RedisStore.TAG + "at:";
  /** Longer than any session, so a console connected all shift keeps its record. */
  private static final Duration LOCATION_TTL = Duration.ofDays(2);
  /** Pauses before routing an envelope again when Redis did not answer. */
  private static final long[] ROUTE_RETRY_MILLIS = {250, 1_000, 4_000};
  private static final Script ROUTE = Script.load("route", ScriptOutputType.INTEGER, "route_lib");
  private static final Script ATTACH = Script.load("attach", ScriptOutputType.INTEGER);
  private static final Script DETACH = Script.load("detach", ScriptOutputType.INTEGER);
  private static final Script PRESENT = Script.load("present", ScriptOutputType.INTEGER);

  private final LocalClients local;
  private final RedisConnector redis;
  private final RedisClusterAsyncCommands<String, String> cmd;
  private final String nodeId;
  /** Whether a frame may go with the store's write in one script: all keys on one server. */
  private final boolean forwardsWithWrites;
  private final Context context;
  private final Clock clock;
  /** Departures not yet written because Redis was away: location key → when they left. */
  private final java.util.concurrent.ConcurrentMap<String, Long> unwrittenDepartures =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param context where frames from other nodes are handled, one at a time and in order
   */
  public RedisClients(LocalClients local, RedisConnector redis, String nodeId, Context context, Clock clock) {
    if (!validNodeId(nodeId)) {
      throw new IllegalArgumentException("a node id must not begin with '-' or contain '@'");
    }
    this.clock = clock;
    this.local = local;
    this.redis = redis;
    this.cmd = redis.commands();
    this.nodeId = nodeId;
    this.forwardsWithWrites = redis.oneShard();
    this.context = context;
  }

  /**
   * A random node id. A location holds either a node id or {@code -<node>@<millis>} for a client
   * that left, so a node id must never begin with {@code -}: base64url alone would, once in 64.
   */
  public static String newNodeId(no.lytt.protocol.Ids ids) {
    return "n" + ids.random(9);
  }

  static boolean validNodeId(String nodeId) {
    return !nodeId.isEmpty() && !nodeId.startsWith("-") && !nodeId.contains("@");
  }

  /**
   * Once per node, before {@link #subscribe}: frames from other nodes, and what Redis coming back
   * sets off. Unlike the subscription this is never repeated: a second listener would hand every
   * frame over twice.
   */
  public void listen() {
    StatefulRedisPubSubConnection<String, String> pubSub = redis.pubSub();
    if (pubSub instanceof StatefulRedisClusterPubSubConnection<String, String> cluster) {
      cluster.addListener(new RedisClusterPubSubAdapter<>() {
        @Override
        public void smessage(RedisClusterNode node, String channel, String message) {
          received(message);
        }
      });
    } else {
      pubSub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void smessage(String channel, String message) {
          received(message);
        }
      });
    }
    // After Redis comes back (perhaps restarted, perhaps without its data) this node says again
    // who is attached here, so routing and the sweeper see them.
    redis.resources().eventBus().get()
        .filter(event -> event instanceof ConnectionActivatedEvent)
        .subscribe(event -> context.runOnContext(v -> reattachAll()), RedisClients::eventsEnded);
  }

  /**
   * Subscribes to this node's inbox and the broadcast channel. Safe to repeat after a timeout:
   * Redis treats a second subscription to a channel as the first.
   */
  public Future<Void> subscribe() {
    return Future.fromCompletionStage(redis.pubSub().async().ssubscribe(INBOX + nodeId, ALL), context)
        .<Void>mapEmpty().recover(e -> Future.failedFuture(RedisStore.translate(e)));
  }

  /**
   * The event bus delivers on Lettuce's computation threads; once the node closes its connector
   * they are gone, and an event still in flight (a disconnect during the close) fails to be
   * scheduled. Nothing is left to reattach then.
   */
  private static void eventsEnded(Throwable e) {
    LOG.log(Level.DEBUG, "Redis connection events ended: " + e.getClass().getSimpleName());
  }

  /**
   * Redis is back: departures it missed are written first (with the time they happened, so grace
   * periods count from then), then this node renews the locations of who is connected here — never
   * taking one that another node has claimed since.
   */
  private void reattachAll() {
    unwrittenDepartures.forEach((key, leftAt) -> run(DETACH, key, nodeId, Long.toString(leftAt),
        Long.toString(LOCATION_TTL.toMillis())).onSuccess(n -> unwrittenDepartures.remove(key, leftAt)));
    local.visitorIds().forEach(id -> attachLocation(visitorAt(id), "replaced-v", id, true));
    local.counsellorNames().forEach(name -> attachLocation(counsellorAt(name), "replaced-c", name, true));
  }

  /** Completes on the caller's context, where the connection that asked goes on. */
  private Future<Void> attachLocation(String key, String replacedOp, String id, boolean reassert) {
    unwrittenDepartures.remove(key);
    Context caller = Vertx.currentContext();
    Future<Long> written = run(ATTACH, caller == null ? context : caller, key, nodeId,
        Long.toString(LOCATION_TTL.toMillis()), INBOX,
        new JsonObject().put("op", replacedOp).put("id", id).encode(), reassert ? "reassert" : "claim");
    return written.onFailure(this::logFailure).mapEmpty();
  }

  private void departed(String key) {
    long leftAt = clock.millis();
    run(DETACH, key, nodeId, Long.toString(leftAt), Long.toString(LOCATION_TTL.toMillis())).onFailure(e -> {
      unwrittenDepartures.put(key, leftAt);
      logFailure(e);
    });
  }

  private void received(String message) {
    context.runOnContext(v -> {
      try {
        handle(new JsonObject(message));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Unreadable message from another node: " + e.getClass().getSimpleName());
      }
    });
  }

  private void handle(JsonObject m) {
    switch (m.getString("op", "")) {
      case "v" -> {
        if (!local.hasVisitor(m.getString("id"))) {
          droppedHere(m);
        }
        local.toVisitor(m.getString("id"), m.getJsonObject("f"));
      }
      case "c" -> {
        if (!local.hasCounsellor(m.getString("id"))) {
          droppedHere(m);
        }
        local.toCounsellor(m.getString("id"), m.getJsonObject("f"));
      }
      case "replaced-v" -> local.dropVisitor(m.getString("id"));
      case "replaced-c" -> local.dropCounsellor(m.getString("id"));
      case "close-c" -> local.closeCounsellor(m.getString("id"), m.getInteger("code").shortValue(), m.getString("reason"));
      case "queue" -> {
        if (!nodeId.equals(m.getString("from"))) {
          local.queueChanged();
        }
      }
      case "items" -> {
        if (!nodeId.equals(m.getString("from"))) {
          local.itemsChanged();
        }
      }
      default -> LOG.log(Level.WARNING, "Unknown message from another node");
    }
  }

  private static String visitorAt(String visitorId) {
    return AT + "v:" + visitorId;
  }

  private static String counsellorAt(String username) {
    return AT + "c:" + username;
  }

  private Future<Long> run(Script script, String key, String... args) {
    return run(script, context, key, args);
  }

  private Future<Long> run(Script script, Context on, String key, String... args) {
    return Future.fromCompletionStage(script.<Long>run(cmd, new String[] {key}, args), on)
        .recover(e -> Future.failedFuture(RedisStore.translate(e)));
  }

  private void droppedHere(JsonObject m) {
    LOG.log(Level.DEBUG, () -> "A " + m.getJsonObject("f", new JsonObject()).getString("type", m.getString("op"))
        + " frame from another node was dropped: its client is no longer here");
  }

  private void logFailure(Throwable e) {
    LOG.log(Level.DEBUG, "Redis unavailable for a cross-node step: " + e.getClass().getSimpleName());
  }

  @Override
  public Future<Void> attachVisitor(String visitorId, Connection c) {
    local.attachVisitor(visitorId, c);
    return attachLocation(visitorAt(visitorId), "replaced-v", visitorId, false);
  }

  @Override
  public boolean detachVisitor(String visitorId, Connection c) {
    return departedIf(local.detachVisitor(visitorId, c), visitorAt(visitorId));
  }

  @Override
  public Future<Boolean> visitorPresent(String visitorId) {
    return presentIf(local.hasVisitor(visitorId), visitorAt(visitorId));
  }

  @Override
  public Future<Void> attachCounsellor(String username, Connection c) {
    local.attachCounsellor(username, c);
    return attachLocation(counsellorAt(username), "replaced-c", username, false);
  }

  @Override
  public boolean detachCounsellor(String username, Connection c) {
    return departedIf(local.detachCounsellor(username, c), counsellorAt(username));
  }

  @Override
  public Future<Boolean> counsellorPresent(String username) {
    return presentIf(local.hasCounsellor(username), counsellorAt(username));
  }

  /** A connection that was still the client's own has gone: record the departure. */
  private boolean departedIf(boolean detached, String locationKey) {
    if (detached) {
      departed(locationKey);
    }
    return detached;
  }

  /** Here, or attached to a live node elsewhere. */
  private Future<Boolean> presentIf(boolean here, String locationKey) {
    return here ? Future.succeededFuture(true)
        : run(PRESENT, locationKey, RedisStore.nodeKey("")).map(n -> n == 1L);
  }

  @Override
  public void closeCounsellor(String username, short code, String reason) {
    local.closeCounsellor(username, code, reason);
    broadcast(new JsonObject().put("op", "close-c").put("id", username).put("code", code).put("reason", reason));
  }

  @Override
  public void queueChanged() {
    local.queueChanged();
    broadcast(new JsonObject(queueChangedMessage(nodeId)));
  }

  @Override
  public void queueChangedHere() {
    local.queueChanged();
  }

  /** What a node publishes on {@link #ALL} when the queue changed; the sender ignores its own. */
  static String queueChangedMessage(String nodeId) {
    return new JsonObject().put("op", "queue").put("from", nodeId).encode();
  }

  @Override
  public void itemsChanged() {
    local.itemsChanged();
    broadcast(new JsonObject().put("op", "items").put("from", nodeId));
  }

  private void broadcast(JsonObject m) {
    Future.fromCompletionStage(cmd.spublish(ALL, m.encode()), context).onFailure(this::logFailure);
  }

  @Override
  public void toVisitor(String visitorId, JsonObject frame) {
    toVisitor(visitorId, frame, 0);
  }

  private void toVisitor(String visitorId, JsonObject frame, int attempt) {
    if (local.hasVisitor(visitorId)) {
      local.toVisitor(visitorId, frame);
    } else {
      route(visitorAt(visitorId), inboxMessage("v", visitorId, frame),
          () -> toVisitor(visitorId, frame, attempt + 1), attempt);
    }
  }

  /**
   * In a Cluster a chat's log and a client's location live in different slots, which one script
   * cannot touch together: there the frame is routed after the write, in a second round trip.
   */
  @Override
  public Optional<Forward> forwardToVisitor(String visitorId, JsonObject frame) {
    return forwardsWithWrites && !local.hasVisitor(visitorId)
        ? Optional.of(new InboxForward(visitorAt(visitorId), INBOX, inboxMessage("v", visitorId, frame).encode(), nodeId))
        : Optional.empty();
  }

  @Override
  public Optional<Forward> forwardToCounsellor(String username, JsonObject frame) {
    return forwardsWithWrites && !local.hasCounsellor(username)
        ? Optional.of(new InboxForward(counsellorAt(username), INBOX, inboxMessage("c", username, frame).encode(), nodeId))
        : Optional.empty();
  }

  /** What another node's {@link #handle} reads: {@code op} "v" or "c", the client, the frame. */
  private static JsonObject inboxMessage(String op, String id, JsonObject frame) {
    return new JsonObject().put("op", op).put("id", id).put("f", frame);
  }

  @Override
  public void toCounsellor(String username, JsonObject frame) {
    toCounsellor(username, frame, 0);
  }

  private void toCounsellor(String username, JsonObject frame, int attempt) {
    if (local.hasCounsellor(username)) {
      local.toCounsellor(username, frame);
    } else {
      route(counsellorAt(username), inboxMessage("c", username, frame),
          () -> toCounsellor(username, frame, attempt + 1), attempt);
    }
  }

  /**
   * Publishes to the node where the client is. When Redis does not answer, an envelope or a
   * {@code delivered} is tried again a few times: it is stored, but a client that is connected
   * learns of it only live or at its next resume, and for the last message of a conversation there
   * may be no next resume. A second copy is harmless (the receiver drops a seq it has opened; a
   * {@code delivered} is cumulative); other frames are not worth repeating late.
   */
  private void route(String locationKey, JsonObject m, Runnable again, int attempt) {
    run(ROUTE, locationKey, INBOX, m.encode(), nodeId).onComplete(published -> {
      if (published.failed()) {
        logFailure(published.cause());
        String type = m.getJsonObject("f", new JsonObject()).getString("type", "");
        if (attempt < ROUTE_RETRY_MILLIS.length && ("msg".equals(type) || "delivered".equals(type))) {
          context.owner().setTimer(ROUTE_RETRY_MILLIS[attempt], t -> context.runOnContext(v -> again.run()));
        }
      } else if (published.result() != 1L) {
        String why = published.result() == 2L ? "attached here but not connected"
            : published.result() == 3L ? "left" : "attached nowhere";
        LOG.log(Level.DEBUG, () -> "A " + m.getJsonObject("f", new JsonObject()).getString("type", m.getString("op"))
            + " frame was dropped: its client is " + why);
      }
    });
  }

  /** Opening and closing: every node tells its own visitors (each watches the hours itself). */
  @Override
  public void toAllVisitors(JsonObject frame) {
    local.toAllVisitors(frame);
  }

  @Override
  public void visitorConnected(Connection c) {
    local.visitorConnected(c);
  }

  @Override
  public void visitorDisconnected(Connection c) {
    local.visitorDisconnected(c);
  }
}
