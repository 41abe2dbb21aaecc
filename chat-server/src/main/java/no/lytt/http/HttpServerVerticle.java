package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.concurrent.TimeUnit;
import no.lytt.drain.DrainState;
import no.lytt.metrics.LyttMetrics;
import no.lytt.queue.ServiceStatus;
import no.lytt.socket.SocketEndpoints;
import no.lytt.store.Store;

/**
 * The HTTP server of one event loop: routes only. Everything it routes to is built once in the
 * composition root and shared by all instances.
 */
public final class HttpServerVerticle extends VerticleBase {
  /** The API bodies are tiny; anything bigger is a mistake or an attack. */
  private static final long MAX_BODY = 16 * 1024;
  private static final long MAX_SEALED_BODY = 256 * 1024;
  /** Netty's default, made explicit: Lytt's longest request line is well under 100 bytes. */
  private static final int MAX_REQUEST_LINE = 4096;
  private final HttpServerOptions options;
  private final SecurityHeaders headers;
  private final Pages pages;
  private final ServiceStatus status;
  private final Store store;
  private final AuthApi auth;
  private final Origins origins;
  private final SocketEndpoints sockets;
  private final DrainState drain;
  private final LyttMetrics publicMetrics;
  private final CallbackApi callbacks;
  private final AdminApi admin;
  private final InvitationApi invitations;
  private final SupervisionApi supervision;
  private final ListsApi lists;
  private final HoursApi hours;

  /**
   * @param options from {@link #options}, shared by every instance (each server copies them)
   * @param publicMetrics served at {@code /metrics} on this listener, or null (the default: metrics
   *                      are for the management listener only)
   */
  public HttpServerVerticle(HttpServerOptions options, SecurityHeaders headers, Pages pages,
                            ServiceStatus status, Store store, AuthApi auth, Origins origins,
                            SocketEndpoints sockets, DrainState drain, LyttMetrics publicMetrics,
                            CallbackApi callbacks, AdminApi admin, InvitationApi invitations,
                            SupervisionApi supervision, ListsApi lists, HoursApi hours) {
    this.supervision = supervision;
    this.lists = lists;
    this.hours = hours;
    this.admin = admin;
    this.invitations = invitations;
    this.drain = drain;
    this.publicMetrics = publicMetrics;
    this.options = options;
    this.headers = headers;
    this.pages = pages;
    this.status = status;
    this.store = store;
    this.auth = auth;
    this.origins = origins;
    this.sockets = sockets;
    this.callbacks = callbacks;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(headers);
    router.get("/health").handler(ctx -> ApiErrors.json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    if (publicMetrics != null) {
      router.get("/metrics").handler(ctx -> ManagementServer.metrics(ctx, publicMetrics));
    }
    router.get("/api/status").handler(ctx -> status.full()
        .onSuccess(s -> ApiErrors.json(ctx, 200, s)).onFailure(e -> ApiErrors.reply(ctx, e)));
    // Every POST and PUT changes state: the cross-site check comes first, before the body is even read.
    router.post("/api/*").handler(new CrossSiteGuard(origins));
    router.put("/api/*").handler(new CrossSiteGuard(origins));
    // Sealed requests carry one copy per certified device: room for a first message to a team of 64.
    router.post("/api/callbacks").handler(BodyHandler.create(false).setBodyLimit(MAX_SEALED_BODY));
    router.post("/api/tickets").handler(BodyHandler.create(false).setBodyLimit(MAX_SEALED_BODY));
    router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.put("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.post("/api/login").handler(auth::login);
    router.post("/api/logout").handler(auth::logout);
    router.post("/api/password").handler(auth::changePassword);
    router.get("/api/me").handler(auth::me);
    router.post("/api/devices").handler(auth::registerDevice);
    router.get("/api/devices/:deviceId").handler(auth::device);
    router.get("/api/team/keys").handler(callbacks::teamKeys);
    router.post("/api/callbacks").handler(callbacks::request);
    router.post("/api/tickets").handler(callbacks::takeTicket);
    router.post("/api/code/status").handler(callbacks::status);
    router.post("/api/code/cancel").handler(callbacks::cancel);
    router.post("/api/code/withdraw").handler(callbacks::withdraw);
    router.get("/api/console/callbacks").handler(callbacks::list);
    router.post("/api/console/callbacks/:id/:action").handler(callbacks::act);
    router.post("/api/console/items/:id/reply").handler(callbacks::reply);
    router.route("/api/admin/*").handler(admin::requireAdmin);
    router.get("/api/admin/accounts").handler(admin::listAccounts);
    router.post("/api/admin/accounts").handler(admin::createAccount);
    router.post("/api/admin/accounts/:username/:action").handler(admin::changeAccount);
    router.get("/api/admin/devices").handler(admin::listDevices);
    router.post("/api/admin/devices/:deviceId/certificate").handler(admin::certifyDevice);
    router.post("/api/admin/devices/:deviceId/revoke").handler(admin::revokeDevice);
    router.get("/api/admin/statistics").handler(supervision::statistics);
    router.get("/api/admin/statistics.csv").handler(supervision::statisticsCsv);
    router.get("/api/admin/overview").handler(supervision::overview);
    lists.routes(router);
    router.get("/api/admin/hours").handler(hours::show);
    router.put("/api/admin/hours").handler(hours::save);
    router.post("/api/admin/hours/override").handler(hours::override);
    router.post("/api/invitation").handler(invitations::show);
    router.post("/api/invitation/password").handler(invitations::password);
    router.post("/api/invitation/confirm").handler(invitations::confirm);
    router.get("/ws/visitor").handler(sockets::visitor);
    router.get("/ws/console").handler(sockets::console);
    router.get("/").handler(pages.visitor());
    router.get("/index.html").handler(pages.visitor());
    router.get("/console").handler(pages.console());
    router.get("/console.html").handler(pages.console());
    router.get("/admin").handler(headers.allowingWebAssembly()).handler(pages.admin());
    router.get("/admin.html").handler(headers.allowingWebAssembly()).handler(pages.admin());
    router.get("/invite").handler(pages.invite());
    router.get("/invite.html").handler(pages.invite());
    router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false)
        .setDirectoryListing(false).setIncludeHidden(false).setSendVaryHeader(false));
    return vertx.createHttpServer(options).requestHandler(router).listen();
  }

  /** 200 while the store answers; 503 when it does not, or while the node drains before it stops. */
  private void ready(io.vertx.ext.web.RoutingContext ctx) {
    if (drain.draining()) {
      ApiErrors.json(ctx, 503, new JsonObject().put("status", "draining"));
      return;
    }
    store.ping()
        .onSuccess(v -> ApiErrors.json(ctx, 200, new JsonObject().put("status", "ready")))
        .onFailure(e -> ApiErrors.json(ctx, 503, new JsonObject().put("status", "unavailable")));
  }

  /**
   * The listener's options, which are Lytt's defence against connections held open for nothing.
   * The idle timeout closes a connection once nothing has arrived or left for {@code idleSeconds};
   * Vert.x watches for idleness behind the HTTP decoder, so only a complete request head, a body
   * chunk or a WebSocket frame counts as arriving, and a slowloris client trickling header bytes is
   * cut off like a silent one (SlowClientsTest holds Vert.x to that). WebSockets are subject to it
   * too, which is why {@code socket.Connection} pings them. The header limits bound the memory one
   * connection can take before a request exists.
   */
  public static HttpServerOptions options(String host, int port, int frameBytes, int idleSeconds, int headerBytes) {
    return new HttpServerOptions()
        .setHost(host).setPort(port)
        .setIdleTimeout(idleSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxHeaderSize(headerBytes)
        .setMaxInitialLineLength(MAX_REQUEST_LINE)
        .setMaxWebSocketFrameSize(frameBytes)
        .setMaxWebSocketMessageSize(frameBytes)
        .setCompressionSupported(true);
  }
}
