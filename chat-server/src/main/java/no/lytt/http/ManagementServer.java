package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import no.lytt.config.OpsConfig;
import no.lytt.config.OpsConfig.LogLevel;
import no.lytt.logging.LogLevels;
import no.lytt.metrics.LyttMetrics;

/**
 * The operator's door, on its own port ({@code management.port}), loopback by default:
 * {@code GET /metrics} (Prometheus), {@code GET /log-level}, {@code PUT /log-level} with a body of
 * {@code error}, {@code warning}, {@code info} or {@code debug}. Apart from the public listener so
 * that no proxy rule is needed to keep it private; with {@code management.token} set, every request
 * must carry {@code Authorization: Bearer <token>}.
 */
public final class ManagementServer {
  private static final Logger LOG = System.getLogger("lytt.management");
  private final Vertx vertx;
  private final OpsConfig ops;
  private final LyttMetrics metrics;
  private HttpServer server;

  public ManagementServer(Vertx vertx, OpsConfig ops, LyttMetrics metrics) {
    this.vertx = vertx;
    this.ops = ops;
    this.metrics = metrics;
  }

  public Future<Void> start() {
    if (ops.managementPort() == 0) {
      return Future.succeededFuture();
    }
    Router router = Router.router(vertx);
    router.route().handler(this::authorised);
    router.get("/metrics").handler(ctx -> metrics(ctx, metrics));
    router.get("/log-level").handler(ctx -> ctx.response().end(LogLevels.current().wire() + "\n"));
    router.put("/log-level").handler(BodyHandler.create(false).setBodyLimit(64));
    router.put("/log-level").handler(this::setLevel);
    return vertx.createHttpServer(new HttpServerOptions().setHost(ops.managementHost()).setPort(ops.managementPort()))
        .requestHandler(router).listen()
        .onSuccess(s -> {
          server = s;
          LOG.log(Level.INFO, "Management listener on " + ops.managementHost() + ":" + s.actualPort());
        })
        .mapEmpty();
  }

  /** Serves the exposition; also used by the public listener when {@code metrics.on-main-port}. */
  static void metrics(RoutingContext ctx, LyttMetrics metrics) {
    ctx.response().putHeader("Content-Type", LyttMetrics.contentType()).end(metrics.scrape());
  }

  private void authorised(RoutingContext ctx) {
    if (ops.managementToken().isEmpty() || tokenMatches(ctx.request().getHeader("Authorization"))) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
    }
  }

  private boolean tokenMatches(String header) {
    byte[] expected = ("Bearer " + ops.managementToken()).getBytes(StandardCharsets.UTF_8);
    byte[] given = String.valueOf(header).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given);
  }

  private void setLevel(RoutingContext ctx) {
    String body = ctx.body().asString();
    LogLevel level = LogLevel.parse(body == null ? "" : body).orElse(null);
    if (level == null) {
      ctx.response().setStatusCode(400).end("expected one of: error, warning, info, debug\n");
      return;
    }
    LogLevels.set(level);
    // Said at the level that always shows, so the change itself is never missing from the log.
    LOG.log(Level.WARNING, "Log level set to " + level.wire());
    ctx.response().end(level.wire() + "\n");
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
