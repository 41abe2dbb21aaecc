package no.lytt.drain;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.lytt.socket.Clients;
import no.lytt.socket.LocalClients;
import no.lytt.socket.SocketEndpoints;

/**
 * The graceful stop of a node: stop taking sockets, close every open one with
 * {@link #MOVE_CLOSE_CODE} (clients reconnect at once through the load balancer and resume on
 * another node), then wait until every visitor and counsellor that was here is attached elsewhere,
 * or until the deadline.
 *
 * <p>The node keeps its heartbeat and its Redis connection throughout, so nothing here counts as a
 * crash: the queue places and chats of the clients it closed are held by the ordinary grace rules
 * (their departure is recorded with its time), and a client that comes back on another node takes
 * them up again with {@code resume}. Queue order is a score in Redis and is not touched.
 */
public final class NodeDrain {
  /** "This node is going away: reconnect now, to any node, and resume" (docs/protocol.md). */
  public static final short MOVE_CLOSE_CODE = 4003;
  private static final short GOING_AWAY = 1001;
  private static final Logger LOG = System.getLogger("lytt.drain");
  private static final long POLL_MILLIS = 250;

  private final Vertx vertx;
  private final DrainState state;
  private final LocalClients local;
  private final SocketEndpoints sockets;
  private final Clients clients;
  private final boolean shared;

  /**
   * @param local   who is attached to this node
   * @param clients who is attached anywhere
   * @param shared  true when the store is shared (Redis): only then is there another node to move
   *                to, and something to wait for
   */
  public NodeDrain(Vertx vertx, DrainState state, LocalClients local, SocketEndpoints sockets, Clients clients,
                   boolean shared) {
    this.vertx = vertx;
    this.state = state;
    this.local = local;
    this.sockets = sockets;
    this.clients = clients;
    this.shared = shared;
  }

  /** Completes when the clients have moved or {@code deadline} has passed; never fails. */
  public Future<Void> drain(Duration deadline) {
    state.begin();
    Set<String> visitors = local.visitorIds();
    Set<String> counsellors = local.counsellorNames();
    LOG.log(Level.INFO, "Draining: " + visitors.size() + " visitor(s) and " + counsellors.size()
        + " counsellor(s) asked to move to another node");
    sockets.closeAll(MOVE_CLOSE_CODE, "node draining");
    if (!shared) {
      // Nowhere to move to: only the closes have to finish.
      visitors = Set.of();
      counsellors = Set.of();
    }
    Promise<Void> done = Promise.promise();
    long until = System.nanoTime() + deadline.toNanos();
    poll(visitors, counsellors, until, done);
    return done.future();
  }

  /**
   * The last step of any stop, drained or not: refuse new sockets, close those still open with
   * 1001 (the client reconnects with its backoff and resumes), and wait at most {@code deadline}
   * for the closes to finish. A frame arriving later would meet a closed store and be answered
   * {@code internal}, and a departure recorded later would be lost; never fails.
   */
  public Future<Void> closeRemaining(Duration deadline) {
    state.begin();
    sockets.closeAll(GOING_AWAY, "node stopping");
    Promise<Void> done = Promise.promise();
    awaitCloses(System.nanoTime() + deadline.toNanos(), done);
    return done.future();
  }

  private void awaitCloses(long until, Promise<Void> done) {
    int open = sockets.visitorSockets() + sockets.consoleSockets();
    if (open == 0) {
      done.complete();
    } else if (System.nanoTime() >= until) {
      LOG.log(Level.WARNING, open + " socket(s) still closing when the node stopped");
      done.complete();
    } else {
      vertx.setTimer(POLL_MILLIS / 5, t -> awaitCloses(until, done));
    }
  }

  private void poll(Set<String> visitors, Set<String> counsellors, long until, Promise<Void> done) {
    List<Future<Boolean>> present = new ArrayList<>();
    visitors.forEach(v -> present.add(clients.visitorPresent(v)));
    counsellors.forEach(c -> present.add(clients.counsellorPresent(c)));
    Future.join(present).onComplete(ar -> {
      long moved = present.stream().filter(f -> f.succeeded() && f.result()).count();
      // A socket whose close is still under way would record its departure after the store is
      // gone: wait for the closes too, not only for the clients to show up elsewhere.
      boolean closed = sockets.visitorSockets() + sockets.consoleSockets() == 0;
      if (moved == present.size() && closed) {
        LOG.log(Level.INFO, shared ? "Drained: every client has moved to another node" : "Drained: every socket is closed");
        done.complete();
      } else if (System.nanoTime() >= until) {
        LOG.log(Level.WARNING, "Drain deadline reached with " + (present.size() - moved)
            + " clients not yet back elsewhere; they resume within chat.grace-seconds or lose their place");
        done.complete();
      } else {
        vertx.setTimer(POLL_MILLIS, t -> poll(visitors, counsellors, until, done));
      }
    });
  }
}
