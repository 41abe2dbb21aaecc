package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import no.lytt.protocol.FrameText;

/**
 * One WebSocket connection carrying JSON text frames, and nothing else: no protocol state, no
 * crypto. {@code Origin} is sent exactly as given (or not at all when null), so tests can exercise
 * the server's origin check.
 */
public final class Transport {
  private final WebSocket ws;
  private final Promise<Short> closed = Promise.promise();

  private Transport(WebSocket ws, Handler<JsonObject> onFrame, Handler<String> onUnparseable) {
    this.ws = ws;
    ws.textMessageHandler(text -> {
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (DecodeException | ClassCastException e) {
        onUnparseable.handle(text);
        return;
      }
      onFrame.handle(frame);
    });
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
    ws.exceptionHandler(e -> { });
  }

  /**
   * Opens a connection. Handlers are installed before any frame can be read.
   *
   * @param origin the {@code Origin} header, or null to send none
   * @param cookie the {@code Cookie} header, or null
   */
  static Future<Transport> open(WebSocketClient client, URI uri, String origin, String cookie,
                                Handler<JsonObject> onFrame, Handler<String> onUnparseable) {
    // Vert.x drops an explicit Origin header unless origin headers are allowed, and adds its own
    // only when none is given; so allow it exactly when we send one.
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setAbsoluteURI(uri.toString())
        .setAllowOriginHeader(origin != null);
    if (origin != null) {
      options.putHeader("Origin", origin);
    }
    if (cookie != null) {
      options.putHeader("Cookie", cookie);
    }
    // The server writes its welcome the moment the upgrade completes: a handler installed only when
    // connect() completes may be installed after that frame was read, and the frame is lost.
    ClientWebSocket ws = client.webSocket();
    Transport transport = new Transport(ws, onFrame, onUnparseable);
    return ws.connect(options).map(transport);
  }

  Future<Void> send(JsonObject frame) {
    return ws.writeTextMessage(FrameText.of(frame));
  }

  /** Sends raw text, for tests of the server's handling of bad frames. */
  public Future<Void> sendRaw(String text) {
    return ws.writeTextMessage(text);
  }

  /**
   * Stops reading from the socket, as a frozen tab or a phone in a tunnel does: the server's
   * writes pile up in the TCP buffers and then in its own. For load tests of a slow reader.
   */
  public void pause() {
    ws.pause();
  }

  public void resume() {
    ws.resume();
  }

  /** Completes with the close status code (null if none) when the connection closes. */
  public Future<Short> closed() {
    return closed.future();
  }

  public boolean isClosed() {
    return ws.isClosed();
  }

  Future<Void> close() {
    return ws.isClosed() ? Future.succeededFuture() : ws.close();
  }
}
