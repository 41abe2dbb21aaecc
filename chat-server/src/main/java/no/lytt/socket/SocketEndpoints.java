package no.lytt.socket;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import no.lytt.accounts.Account;
import no.lytt.accounts.AccountService;
import no.lytt.drain.DrainState;
import no.lytt.http.ClientAddresses;
import no.lytt.http.Origins;
import no.lytt.metrics.LyttMetrics;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Frames;
import no.lytt.queue.ServiceStatus;
import no.lytt.socket.ConnectionsPerSource.Lease;

/**
 * The two WebSocket doors. The Origin check, the per-source cap and (for the console) the session
 * check happen before the upgrade, so a refused page gets a plain 403, 429 or 401 and nothing is
 * created for it. A place under the cap is held from the check until the socket closes. A draining
 * node answers 503 before anything else, so the load balancer tries another node.
 */
public final class SocketEndpoints {
  /** RFC 6455: the server is overloaded or cannot serve now; the client should come back. */
  static final short TRY_AGAIN_LATER = 1013;
  /** Every socket is pinged once in this many rounds; call {@link #pingRound()} this often per ping interval. */
  public static final int PING_ROUNDS = 16;
  private int pingRound;
  private final Origins origins;
  private final Limits limits;
  private final SocketServices services;
  private final ServiceStatus status;
  private final AccountService accounts;
  private final String cookieName;
  /** Open consoles on this node and the session each was opened with (in memory only). */
  private final java.util.concurrent.ConcurrentMap<Connection, String> consoleSessions =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Open visitor sockets on this node, joined or not, so a drain can close them all. */
  private final java.util.Set<Connection> visitorSockets = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ClientAddresses addresses;
  private final ConnectionsPerSource perSource;
  private final Arrivals arrivals;
  private final DrainState drain;
  private final LyttMetrics metrics;

  public SocketEndpoints(Origins origins, Limits limits, SocketServices services, ServiceStatus status,
                         AccountService accounts, String cookieName, ClientAddresses addresses,
                         ConnectionsPerSource perSource, Arrivals arrivals, DrainState drain, LyttMetrics metrics) {
    this.arrivals = arrivals;
    this.drain = drain;
    this.metrics = metrics;
    this.origins = origins;
    this.addresses = addresses;
    this.perSource = perSource;
    this.limits = limits;
    this.services = services;
    this.status = status;
    this.accounts = accounts;
    this.cookieName = cookieName;
  }

  public void visitor(RoutingContext ctx) {
    Optional<Lease> place = admit(ctx);
    if (place.isEmpty()) {
      return;
    }
    Lease lease = place.get();
    Optional<Arrivals.Place> arrival = arrivals.tryArrive();
    if (arrival.isEmpty()) {
      lease.release();
      metrics.upgradesDeferred.inc();
      ctx.response().setStatusCode(503).putHeader("Retry-After", "1").end();
      return;
    }
    Arrivals.Place welcoming = arrival.get();
    Vertx vertx = ctx.vertx();
    ctx.request().toWebSocket().onSuccess(ws -> {
      try {
        open(ws, vertx, lease, welcoming);
      } catch (RuntimeException e) {
        // Whatever failed, the place must not stay taken: the node would refuse every page once the
        // cap had leaked away.
        welcoming.welcomed();
        throw e;
      }
    }).onFailure(e -> {
      welcoming.welcomed();
      lease.release();
    });
  }

  private void open(ServerWebSocket ws, Vertx vertx, Lease lease, Arrivals.Place welcoming) {
    Connection[] self = new Connection[1];
    Connection conn = new Connection(ws, vertx.getOrCreateContext(), limits, metrics, () -> {
      lease.release();
      visitorSockets.remove(self[0]);
    });
    self[0] = conn;
    visitorSockets.add(conn);
    services.clients().visitorConnected(conn);
    conn.start(new VisitorConnection(conn, services));
    // Without its welcome a page waits on a silent socket: when the store does not answer, the
    // visitor is told and the socket closed (1013, try again later), so the page reconnects.
    status.summary()
        .onComplete(done -> welcoming.welcomed())
        .onSuccess(s -> conn.send(Frames.of("welcome").put("v", Frames.VERSION).put("status", s)))
        .onFailure(e -> {
          conn.send(Frames.error(ErrorCode.UNAVAILABLE, "Temporarily unavailable. Trying again …", null, null));
          conn.close(TRY_AGAIN_LATER, "unavailable");
        });
  }

  public void console(RoutingContext ctx) {
    Optional<Lease> place = admit(ctx);
    if (place.isEmpty()) {
      return;
    }
    Lease lease = place.get();
    Cookie cookie = ctx.request().getCookie(cookieName);
    ctx.request().pause();
    accounts.authenticate(cookie == null ? null : cookie.getValue()).onComplete(ar -> {
      Optional<Account> account = ar.succeeded() ? ar.result() : Optional.empty();
      if (account.isEmpty()) {
        lease.release();
        ctx.request().resume();
        ctx.response().setStatusCode(ar.succeeded() ? 401 : 503).end();
        return;
      }
      upgrade(ctx, account.get(), cookie.getValue(), lease);
    });
  }

  /**
   * The checks before an upgrade: a page of ours (403), and a place under the per-source cap (429).
   * The source's address is used for this one lookup and not kept.
   */
  private Optional<Lease> admit(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (drain.draining()) {
      ctx.response().setStatusCode(503).putHeader("Retry-After", "1").end();
      return Optional.empty();
    }
    if (!origins.allows(request.getHeader("Origin"))) {
      ctx.response().setStatusCode(403).end();
      return Optional.empty();
    }
    SocketAddress peer = request.remoteAddress();
    Optional<Lease> place = perSource.admit(addresses.source(peer == null ? null : peer.hostAddress(),
        request.headers().getAll("X-Forwarded-For")));
    if (place.isEmpty()) {
      ctx.response().setStatusCode(429).end();
    }
    return place;
  }

  private void upgrade(RoutingContext ctx, Account account, String sessionId, Lease lease) {
    Vertx vertx = ctx.vertx();
    ctx.request().toWebSocket().onFailure(e -> lease.release()).compose(ws -> {
      Connection[] self = new Connection[1];
      Connection conn = new Connection(ws, vertx.getOrCreateContext(), limits, metrics, () -> {
        lease.release();
        consoleSessions.remove(self[0]);
      });
      self[0] = conn;
      consoleSessions.put(conn, sessionId);
      ConsoleConnection console = new ConsoleConnection(conn, services, account);
      conn.start(console);
      // As for a visitor: a console without its welcome is told and closed, and reconnects.
      return console.welcome().onSuccess(conn::send).onFailure(e -> {
        conn.send(Frames.error(ErrorCode.UNAVAILABLE, "Temporarily unavailable. Trying again …", null, null));
        conn.close(TRY_AGAIN_LATER, "unavailable");
      });
    }).onFailure(e -> { });
  }

  /**
   * Closes the consoles on this node whose session has ended by time (idle or absolute limit) or
   * was ended elsewhere, so an open socket is never a way around the session rules.
   */
  public void closeEndedSessions() {
    consoleSessions.forEach((conn, sessionId) -> accounts.alive(sessionId).onSuccess(alive -> {
      if (!alive) {
        conn.close((short) 4001, "session ended");
      }
    }));
  }

  /**
   * Pings one sixteenth of the sockets, chosen by identity hash, so each is pinged once in
   * {@link #PING_ROUNDS} rounds. A timer per socket cost about 130 bytes of every idle visitor's
   * memory; the sets walked here exist anyway; and pinging everyone in one round would stall the
   * event loop for tens of thousands of sockets at once.
   */
  public void pingRound() {
    int round = Math.floorMod(pingRound++, PING_ROUNDS);
    visitorSockets.forEach(c -> pingIn(round, c));
    consoleSessions.keySet().forEach(c -> pingIn(round, c));
  }

  private static void pingIn(int round, Connection c) {
    if (Math.floorMod(System.identityHashCode(c), PING_ROUNDS) == round) {
      c.ping();
    }
  }

  /** Closes every socket on this node, visitors' and consoles', e.g. to drain it. */
  public void closeAll(short code, String reason) {
    visitorSockets.forEach(c -> c.close(code, reason));
    consoleSessions.keySet().forEach(c -> c.close(code, reason));
  }

  public int visitorSockets() {
    return visitorSockets.size();
  }

  public int consoleSockets() {
    return consoleSessions.size();
  }

  /** Closes a counsellor's console everywhere on this node, e.g. after logout. */
  public void closeConsole(String username) {
    services.clients().closeCounsellor(username, (short) 4001, "session ended");
  }
}
