package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The console's HTTP calls (docs/protocol.md, "HTTP API") with a minimal cookie jar: the
 * {@code name=value} of every {@code Set-Cookie} from login is sent back as {@code Cookie} on later
 * requests and on the WebSocket upgrade, the way a browser does for a same-origin page. Like the
 * console page, it sends {@code X-Lytt-Request: 1} with every request.
 */
final class ConsoleHttp {
  private final HttpClientAgent http;
  private final URI base;
  private final String origin;
  private final List<String> cookies = new ArrayList<>();

  ConsoleHttp(Vertx vertx, URI base, String origin) {
    // Idle connections are let go well before a node's idle timeout (limits.http-idle-seconds, 60 s
    // by default) closes them, so no request is sent on a connection the node is just closing.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAliveTimeout(20));
    this.base = base;
    this.origin = origin;
  }

  /** {@code POST /api/login}: 204 and a session cookie, or a {@link ProtocolError}. */
  Future<Void> login(String username, String password) {
    return call(HttpMethod.POST, "/api/login",
        new JsonObject().put("username", username).put("password", password), resp -> {
          if (resp.statusCode() != 204) {
            return error(resp);
          }
          synchronized (cookies) {
            cookies.clear();
            resp.cookies().forEach(c -> cookies.add(c.split(";", 2)[0].trim()));
          }
          return resp.body().mapEmpty();
        });
  }

  /** A JSON call with the session cookie; 2xx bodies are returned, errors fail. */
  Future<JsonObject> json(HttpMethod method, String path, JsonObject body) {
    return call(method, path, body, resp -> resp.statusCode() / 100 == 2
        ? resp.body().map(b -> b.length() == 0 ? new JsonObject() : b.toJsonObject())
        : error(resp));
  }

  /** The {@code Cookie} header value, or null before login. */
  String cookieHeader() {
    synchronized (cookies) {
      return cookies.isEmpty() ? null : cookies.stream().collect(Collectors.joining("; "));
    }
  }

  Future<Void> close() {
    return http.close();
  }

  /**
   * Sends the request and hands the response to {@code onResponse} on the connection's event loop,
   * in the same turn its head arrives. Composed later from another thread, the handler could run
   * after the body has already gone by unread, and the body would come out empty.
   */
  private <T> Future<T> call(HttpMethod method, String path, JsonObject body,
                             Function<HttpClientResponse, Future<T>> onResponse) {
    // X-Lytt-Request marks a request from Lytt's own code; the server refuses a POST without it
    // (cross-site request forgery), as it refuses one from another Origin.
    RequestOptions options = new RequestOptions().setMethod(method)
        .setAbsoluteURI(base.resolve(path).toString()).putHeader("X-Lytt-Request", "1");
    if (origin != null) {
      options.putHeader("Origin", origin);
    }
    String cookie = cookieHeader();
    if (cookie != null) {
      options.putHeader("Cookie", cookie);
    }
    return http.request(options).compose(req -> (body == null ? req.send()
        : req.putHeader("Content-Type", "application/json").send(Buffer.buffer(body.encode())))
        .compose(onResponse));
  }

  private static <T> Future<T> error(HttpClientResponse resp) {
    return resp.body().compose(b -> {
      String code = "http_" + resp.statusCode();
      String message = null;
      try {
        JsonObject json = b.toJsonObject();
        code = json.getString("code", code);
        message = json.getString("message");
      } catch (RuntimeException notJson) {
        // keep the status-derived code
      }
      return Future.failedFuture(new ProtocolError(code, message, null));
    });
  }
}
