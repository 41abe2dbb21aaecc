package no.lytt.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket that speaks raw frames — for tests of what the server does with bad input, where a
 * well-behaved client would never send what we need to send.
 */
public final class RawSocket implements AutoCloseable {
  private static final long WAIT_SECONDS = 10;
  private final WebSocketClient client;
  private final WebSocket ws;
  private final LinkedBlockingDeque<JsonObject> inbox = new LinkedBlockingDeque<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  private final AtomicInteger pings = new AtomicInteger();

  private RawSocket(WebSocketClient client, io.vertx.core.http.ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    // Handlers before connecting: the server's welcome arrives at once.
    ws.textMessageHandler(t -> inbox.add(new JsonObject(t)));
    // Vert.x answers pings itself; this only counts them (it sees every frame, the above too).
    ws.frameHandler(f -> {
      if (f.type() == WebSocketFrameType.PING) {
        pings.incrementAndGet();
      }
    });
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  public static RawSocket connect(Vertx vertx, int port, String path, String origin, String cookie) {
    return connect(vertx, port, path, origin, cookie, Map.of());
  }

  /**
   * With extra request headers, e.g. {@code X-Forwarded-For} as a proxy would add it. A refused
   * upgrade throws {@link io.vertx.core.http.UpgradeRejectedException}, which carries the status.
   */
  public static RawSocket connect(Vertx vertx, int port, String path, String origin, String cookie,
                                  Map<String, String> headers) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20).setSendUnmaskedFrames(false));
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(path);
    if (origin != null) {
      o.addHeader("Origin", origin);
    }
    if (cookie != null) {
      o.addHeader("Cookie", cookie);
    }
    headers.forEach(o::addHeader);
    o.setAllowOriginHeader(origin != null);
    io.vertx.core.http.ClientWebSocket ws = client.webSocket();
    RawSocket socket = new RawSocket(client, ws);
    try {
      Await.of(ws.connect(o));
    } catch (RuntimeException | AssertionError e) {
      client.close();
      throw e;
    }
    return socket;
  }

  public void send(String text) {
    Await.of(ws.writeFinalTextFrame(text));
  }

  public void send(JsonObject frame) {
    send(frame.encode());
  }

  /**
   * Sends, or returns false when the server closed this socket first: a flood races the server's
   * close, so the frame after the last one the server read may find the socket gone.
   */
  public boolean trySend(JsonObject frame) {
    try {
      send(frame);
      return true;
    } catch (RuntimeException e) {
      try {
        awaitClose();
      } catch (AssertionError notClosed) {
        notClosed.addSuppressed(e);
        throw notClosed;
      }
      return false;
    }
  }

  public void sendBinary(byte[] bytes) {
    Await.of(ws.writeFinalBinaryFrame(Buffer.buffer(bytes)));
  }

  /** The next frame of this type; frames of other types that arrive first are kept in {@link #seen()}. */
  public JsonObject next(String type) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject f = inbox.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (f == null) {
          throw new AssertionError("No '" + type + "' frame within " + WAIT_SECONDS + " s; saw " + seen);
        }
        seen.add(f);
        if (type.equals(f.getString("type"))) {
          return f;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public JsonObject nextError() {
    return next("error");
  }

  public List<JsonObject> seen() {
    return seen;
  }

  /** Everything received so far, including frames not yet consumed by {@link #next(String)}. */
  public List<JsonObject> received() {
    inbox.drainTo(seen);
    return seen;
  }

  /** Waits until the server has pinged this socket {@code n} times in all. */
  public void awaitPings(int n) {
    Await.until(() -> pings.get() >= n, n + " pings from the server");
  }

  /** Waits for the server to close this socket and returns the close code. */
  public short awaitClose() {
    try {
      Short code = closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
      return code == null ? -1 : code;
    } catch (Exception e) {
      throw new AssertionError("The server did not close the socket", e);
    }
  }

  public boolean isClosed() {
    return ws.isClosed();
  }

  @Override
  public void close() {
    if (!ws.isClosed()) {
      Await.of(ws.close());
    }
    client.close();
  }
}
