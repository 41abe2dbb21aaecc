package no.lytt.socket;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import no.lytt.accounts.Account;
import no.lytt.accounts.AccountService;
import no.lytt.http.Origins;
import no.lytt.protocol.Frames;
import no.lytt.queue.ServiceStatus;

/**
 * The two WebSocket doors. The Origin check and (for the console) the session check happen before
 * the upgrade, so a refused page gets a plain 403/401 and nothing is created for it.
 */
public final class SocketEndpoints {
  private final Origins origins;
  private final Limits limits;
  private final SocketServices services;
  private final ServiceStatus status;
  private final AccountService accounts;
  private final String cookieName;

  public SocketEndpoints(Origins origins, Limits limits, SocketServices services, ServiceStatus status,
                         AccountService accounts, String cookieName) {
    this.origins = origins;
    this.limits = limits;
    this.services = services;
    this.status = status;
    this.accounts = accounts;
    this.cookieName = cookieName;
  }

  public void visitor(RoutingContext ctx) {
    if (!origins.allows(ctx.request().getHeader("Origin"))) {
      ctx.response().setStatusCode(403).end();
      return;
    }
    Vertx vertx = ctx.vertx();
    ctx.request().toWebSocket().onSuccess(ws -> {
      Connection conn = new Connection(ws, vertx.getOrCreateContext(), limits);
      services.clients().visitorConnected(conn);
      conn.start(new VisitorConnection(conn, services));
      status.summary().onSuccess(s -> conn.send(Frames.of("welcome").put("v", Frames.VERSION).put("status", s)));
    });
  }

  public void console(RoutingContext ctx) {
    if (!origins.allows(ctx.request().getHeader("Origin"))) {
      ctx.response().setStatusCode(403).end();
      return;
    }
    Cookie cookie = ctx.request().getCookie(cookieName);
    ctx.request().pause();
    accounts.authenticate(cookie == null ? null : cookie.getValue()).onComplete(ar -> {
      Optional<Account> account = ar.succeeded() ? ar.result() : Optional.empty();
      if (account.isEmpty()) {
        ctx.request().resume();
        ctx.response().setStatusCode(ar.succeeded() ? 401 : 503).end();
        return;
      }
      upgrade(ctx, account.get());
    });
  }

  private void upgrade(RoutingContext ctx, Account account) {
    Vertx vertx = ctx.vertx();
    ctx.request().toWebSocket().compose(ws -> {
      Connection conn = new Connection(ws, vertx.getOrCreateContext(), limits);
      ConsoleConnection console = new ConsoleConnection(conn, services, account);
      conn.start(console);
      return console.welcome().onSuccess(conn::send);
    }).onFailure(e -> { });
  }

  /** Closes a counsellor's console everywhere on this node, e.g. after logout. */
  public void closeConsole(String username) {
    services.clients().closeCounsellor(username, (short) 4001, "session ended");
  }
}
