package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The protocol layer shared by both clients: the current {@link Transport} (replaced on
 * reconnect), per-type handlers for frames the client reacts to itself, request/reply matching,
 * and the {@link FrameInbox} that tests await.
 *
 * <p>A reply waiter is registered before its request is sent and only sees frames that arrive
 * afterwards, so a stale reply from an earlier request can never answer a new one. Every frame goes
 * first to its handler, then to reply waiters, then to the inbox.
 */
final class Connection {
  private final WebSocketClient client;
  private final Map<String, Handler<JsonObject>> handlers = new ConcurrentHashMap<>();
  private final Mailbox<JsonObject> replies = new Mailbox<>(false);
  private final boolean ownsClient;
  private final FrameInbox inbox;
  private final Warnings warnings;
  private volatile Transport transport;
  private volatile Runnable onMoved = () -> { };
  /** Counts {@link #open} calls; a waiter answers only to frames of the attempt it was made in. */
  private final AtomicLong attempt = new AtomicLong();

  Connection(Vertx vertx, Warnings warnings, ClientOptions options) {
    this.ownsClient = options.shared() == null;
    this.client = ownsClient ? vertx.createWebSocketClient() : options.shared();
    this.inbox = new FrameInbox(options.keepFrames());
    this.warnings = warnings;
  }

  /** Whether a socket is open now. */
  boolean isOpen() {
    Transport t = transport;
    return t != null && !t.isClosed();
  }

  /** Installs the handler for frames of {@code type}; it runs before replies and the inbox. */
  void on(String type, Handler<JsonObject> handler) {
    handlers.put(type, handler);
  }

  /**
   * What to do when the server closes with {@link #MOVE_CLOSE_CODE}: its node is draining, and the
   * client should reconnect at once (through the load balancer, to another node) and resume.
   */
  void onMoved(Runnable action) {
    this.onMoved = action;
  }

  /** docs/protocol.md, "Close codes". */
  static final short MOVE_CLOSE_CODE = 4003;

  /** Opens a new connection (closing any previous one) and completes with its {@code welcome}. */
  Future<JsonObject> open(URI uri, String origin, String cookie) {
    Transport previous = transport;
    // An attempt that cannot connect (the node is still starting) leaves its waiter behind;
    // matching only this attempt's frames keeps that waiter from taking the next one's welcome.
    long thisAttempt = attempt.incrementAndGet();
    Future<JsonObject> welcome = replies.next(f -> "welcome".equals(f.getString("type"))
        && attempt.get() == thisAttempt, thisAttempt);
    Future<Void> closedPrevious = previous == null ? Future.succeededFuture() : previous.close();
    return closedPrevious.recover(e -> Future.succeededFuture())
        .compose(v -> Transport.open(client, uri, origin, cookie, this::dispatch,
            text -> warnings.add("unparseable frame from server")))
        .onFailure(e -> replies.failTagged(thisAttempt, e))
        .compose(t -> {
          transport = t;
          t.closed().onSuccess(code -> {
            if (code != null && code == MOVE_CLOSE_CODE && transport == t) {
              onMoved.run();
            }
            // Only this attempt's frames answer its waiters (the welcome, requests sent on it),
            // and no frame of it can come any more. A node that cannot welcome (its store is
            // away) closes with 1013 after saying so; without this, whoever awaits the welcome
            // would wait forever.
            replies.failTagged(thisAttempt, new SocketClosed(code));
          });
          return welcome;
        });
  }

  Future<Void> send(JsonObject frame) {
    Transport t = transport;
    return t == null ? Future.failedFuture(new IllegalStateException("not connected"))
        : t.send(frame);
  }

  /**
   * Sends {@code frame} and completes with the first later frame of {@code replyType} matching
   * {@code match}, or fails with the {@link ProtocolError} of an {@code error} frame whose
   * {@code ref} is this frame's type. Only frames of the current connection answer it.
   */
  Future<JsonObject> request(JsonObject frame, String replyType, Predicate<JsonObject> match) {
    String requestType = frame.getString("type");
    long sentIn = attempt.get();
    Future<JsonObject> reply = replies.next(f -> attempt.get() == sentIn
        && ((replyType.equals(f.getString("type")) && match.test(f))
            || ("error".equals(f.getString("type")) && requestType.equals(f.getString("ref"))
                && sameChat(frame, f))), sentIn);
    return send(frame).compose(v -> reply).compose(f -> "error".equals(f.getString("type"))
        ? Future.failedFuture(ProtocolError.of(f)) : Future.succeededFuture(f));
  }

  private static boolean sameChat(JsonObject request, JsonObject error) {
    String chatId = error.getString("chatId");
    return chatId == null || Objects.equals(chatId, request.getString("chatId"));
  }

  Transport transport() {
    return transport;
  }

  FrameInbox inbox() {
    return inbox;
  }

  Future<Void> disconnect() {
    Transport t = transport;
    return t == null ? Future.succeededFuture() : t.close();
  }

  Future<Void> close() {
    inbox.failWaiters(new IllegalStateException("client closed"));
    return ownsClient ? disconnect().eventually(client::close) : disconnect();
  }

  private void dispatch(JsonObject frame) {
    inbox.arrived(frame);
    Handler<JsonObject> handler = handlers.get(String.valueOf(frame.getString("type")));
    if (handler != null) {
      try {
        handler.handle(frame);
      } catch (RuntimeException e) {
        warnings.add("handling " + frame.getString("type") + " failed: " + e);
      }
    }
    replies.put(frame);
    inbox.put(frame);
  }
}
