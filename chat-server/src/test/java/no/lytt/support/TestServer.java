package no.lytt.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import no.lytt.Lytt;
import no.lytt.config.LyttConfig;

/**
 * A real Lytt node in this JVM on a free port, with the embedded store, development mode and
 * cheap Argon2 parameters (the tests log in often; production parameters are measured elsewhere).
 */
public final class TestServer implements AutoCloseable {
  public static final String DEMO_PASSWORD = "demo-password-for-tests";
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";
  private final Vertx vertx;
  private final Lytt lytt;
  private final int port;
  private final HttpClientAgent http;
  private boolean stopped;
  private java.nio.file.Path orgKeyFile;

  private TestServer(Vertx vertx, Lytt lytt, int port) {
    this.vertx = vertx;
    this.lytt = lytt;
    this.port = port;
    // Let go of idle connections well before the node's idle timeout (limits.http-idle-seconds, 60 s)
    // closes them, so no request is ever sent on a connection the node is just closing.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAliveTimeout(20));
  }

  public static TestServer start(Map<String, String> overrides) {
    return start(overrides, Clock.systemUTC());
  }

  public static TestServer start(Map<String, String> overrides, Clock clock) {
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("LYTT_HTTP_PORT", Integer.toString(port));
    env.put("LYTT_HTTP_HOST", "127.0.0.1");
    env.put("LYTT_ARGON2_MEMORY_KIB", "1024");
    env.put("LYTT_ARGON2_ITERATIONS", "1");
    env.put("LYTT_ORG_DEV_KEY_FILE", tempKeyFile());
    // Every test client is 127.0.0.1, standing in for many people; the cap's own tests set it low.
    env.put("LYTT_LIMITS_CONNECTIONS_PER_SOURCE", "100000");
    env.put("LYTT_LIMITS_REQUESTS_PER_SOURCE_PER_HOUR", "100000");
    env.putAll(overrides);
    LyttConfig config = LyttConfig.fromEnvironment(env);
    Vertx vertx = Vertx.vertx(Lytt.vertxOptions(config));
    Lytt lytt = new Lytt(vertx, config, clock, DEMO_PASSWORD, ADMIN_PASSWORD);
    Await.of(lytt.start());
    TestServer server = new TestServer(vertx, lytt, port);
    server.orgKeyFile = java.nio.file.Path.of(env.get("LYTT_ORG_DEV_KEY_FILE"));
    return server;
  }

  /** The development organisation key this node certifies devices with (its private half too). */
  public no.lytt.crypto.OrgKey organisationKey() {
    return no.lytt.accounts.DevelopmentSetup.orgKey(orgKeyFile, new java.security.SecureRandom());
  }

  public Vertx vertx() {
    return vertx;
  }

  public Lytt lytt() {
    return lytt;
  }

  public int port() {
    return port;
  }

  public String origin() {
    return "http://localhost:" + port;
  }

  /** The WebSocket URI of the visitor endpoint. */
  public java.net.URI visitorUri() {
    return java.net.URI.create("ws://localhost:" + port + "/ws/visitor");
  }

  public RawSocket visitorSocket() {
    return RawSocket.connect(vertx, port, "/ws/visitor", origin(), null);
  }

  public RawSocket consoleSocket(String cookie) {
    return RawSocket.connect(vertx, port, "/ws/console", origin(), cookie);
  }

  /** Logs in as the console page does and returns the Cookie header value for later requests. */
  public String login(String username, String password) {
    HttpResult r = request(HttpMethod.POST, "/api/login", null, new JsonObject()
        .put("username", username).put("password", password).encode());
    if (r.status() != 204) {
      throw new IllegalStateException("login failed with " + r.status() + " " + r.body());
    }
    return r.headers().getAll("Set-Cookie").get(0).split(";", 2)[0];
  }

  /** A plain HTTP request from one of the server's own pages; returns status, headers and body. */
  public HttpResult request(HttpMethod method, String uri, String cookie, String body) {
    return request(method, uri, cookie, body, origin());
  }

  /**
   * A plain HTTP request as a page of {@code origin} would send it (null: no Origin header): JSON,
   * with the {@code X-Lytt-Request} header Lytt's pages add to every request.
   */
  public HttpResult request(HttpMethod method, String uri, String cookie, String body, String origin) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Lytt-Request", "1");
    if (origin != null) {
      headers.put("Origin", origin);
    }
    if (cookie != null) {
      headers.put("Cookie", cookie);
    }
    return requestWithHeaders(method, uri, headers, body);
  }

  /** A request with exactly these headers (and none of the defaults), e.g. as another site's form would send it. */
  public HttpResult requestWithHeaders(HttpMethod method, String uri, Map<String, String> headers, String body) {
    RequestOptions o = new RequestOptions().setMethod(method).setHost("localhost").setPort(port).setURI(uri);
    headers.forEach(o::addHeader);
    // The body is read in the same event-loop turn the response head arrives: composed from this
    // thread afterwards, the read could start after the body had gone by, and come back empty.
    return Await.of(http.request(o).compose(req -> (body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new HttpResult(resp.statusCode(), resp.headers(), b.toString())))));
  }

  public record HttpResult(int status, io.vertx.core.MultiMap headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /**
   * Stops this node the way a power cut would: no goodbye to Redis, no cleanup, its heartbeat just
   * stops. (Its Redis client is left for the JVM to discard.)
   */
  public void crash() {
    Await.of(vertx.close());
    stopped = true;
  }

  /** Closes the node; a second close (or one after {@link #crash()}) does nothing. */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    Await.of(lytt.stop());
    Await.of(vertx.close());
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tempKeyFile() {
    try {
      Path dir = Files.createTempDirectory("lytt-test-");
      dir.toFile().deleteOnExit();
      return dir.resolve("dev-org.key").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
