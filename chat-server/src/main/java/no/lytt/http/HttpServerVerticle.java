package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
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
  private final String host;
  private final int port;
  private final int frameBytes;
  private final boolean behindTls;
  private final Pages pages;
  private final ServiceStatus status;
  private final Store store;
  private final AuthApi auth;
  private final Origins origins;
  private final SocketEndpoints sockets;

  public HttpServerVerticle(String host, int port, int frameBytes, boolean behindTls, Pages pages,
                            ServiceStatus status, Store store, AuthApi auth, Origins origins,
                            SocketEndpoints sockets) {
    this.host = host;
    this.port = port;
    this.frameBytes = frameBytes;
    this.behindTls = behindTls;
    this.pages = pages;
    this.status = status;
    this.store = store;
    this.auth = auth;
    this.origins = origins;
    this.sockets = sockets;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(behindTls));
    router.get("/health").handler(ctx -> ApiErrors.json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/ready").handler(ctx -> store.ping()
        .onSuccess(v -> ApiErrors.json(ctx, 200, new JsonObject().put("status", "ready")))
        .onFailure(e -> ApiErrors.json(ctx, 503, new JsonObject().put("status", "unavailable"))));
    router.get("/api/status").handler(ctx -> status.full()
        .onSuccess(s -> ApiErrors.json(ctx, 200, s)).onFailure(e -> ApiErrors.reply(ctx, e)));
    // Every POST changes state: the cross-site check comes first, before the body is even read.
    router.post("/api/*").handler(new CrossSiteGuard(origins));
    router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.post("/api/login").handler(auth::login);
    router.post("/api/logout").handler(auth::logout);
    router.post("/api/password").handler(auth::changePassword);
    router.get("/api/me").handler(auth::me);
    router.post("/api/devices").handler(auth::registerDevice);
    router.get("/api/devices/:deviceId").handler(auth::device);
    router.get("/ws/visitor").handler(sockets::visitor);
    router.get("/ws/console").handler(sockets::console);
    router.get("/").handler(pages.visitor());
    router.get("/index.html").handler(pages.visitor());
    router.get("/console").handler(pages.console());
    router.get("/console.html").handler(pages.console());
    router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false)
        .setDirectoryListing(false).setIncludeHidden(false).setSendVaryHeader(false));
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host).setPort(port)
        .setMaxWebSocketFrameSize(frameBytes)
        .setMaxWebSocketMessageSize(frameBytes)
        .setCompressionSupported(true);
    return vertx.createHttpServer(options).requestHandler(router).listen();
  }
}
