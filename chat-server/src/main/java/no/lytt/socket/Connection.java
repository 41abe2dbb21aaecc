package no.lytt.socket;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import no.lytt.logging.ConnectionLog;
import no.lytt.metrics.LyttMetrics;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Fields;
import no.lytt.protocol.FrameText;
import no.lytt.protocol.Frames;
import no.lytt.protocol.LyttException;
import no.lytt.store.StoreUnavailableException;

/**
 * One WebSocket, whoever is on the other end: parses frames, enforces the rate limit, runs the
 * handler for one frame at a time in arrival order, and turns every failure into a typed error frame
 * — or, for abuse, closes this connection only. Writes always happen on the socket's own context.
 *
 * <p>A socket is pinged every {@link Limits#pingInterval()} by the node's rounds
 * ({@link SocketEndpoints#pingRound()}), which keeps a quiet chat from looking idle to the HTTP
 * server (and to a proxy in front); and it has a one-shot close after {@link Limits#silentTimeout()}
 * that the first frame from the client cancels for good. A socket that opens and never speaks holds
 * memory and a place in its source's count for nothing.
 */
public final class Connection {
  private static final String QUEUE = "queue";
  private final ConnectionLog log = new ConnectionLog("lytt.socket");
  private final LyttMetrics metrics;
  private final ServerWebSocket ws;
  private final Context context;
  private final RateLimiter limiter;
  private final Limits limits;
  private final Runnable onClosed;
  private FrameHandler handler;
  private long silentTimer = -1;
  private Future<?> tail = Future.succeededFuture();
  private int garbage;
  private int limited;
  private boolean closed;
  private final ResumeGate gate = new ResumeGate();
  /**
   * A {@code queue} frame (a console's view of the queue, a visitor's place) waiting to be written
   * on this socket's context. Such a frame says where things stand now, so a newer one replaces it
   * rather than queueing behind it: when the node falls behind, a console on duty is sent the
   * newest view once instead of every view in between, and catching up gets cheaper, not dearer.
   */
  private final AtomicReference<QueueFrame> waitingQueueFrame = new AtomicReference<>();
  /**
   * What the last queue view written on this socket showed, without its clock; null before the
   * first. Read and written on the socket's context only, where the frames are written, so it is
   * always what the console was last sent.
   */
  private String queueShown;

  /** @param onClosed runs once when the socket has closed, after the handler's {@code closed()} */
  public Connection(ServerWebSocket ws, Context context, Limits limits, LyttMetrics metrics, Runnable onClosed) {
    this.ws = ws;
    this.metrics = metrics;
    this.context = context;
    this.limits = limits;
    this.onClosed = onClosed;
    this.limiter = new RateLimiter(limits.messagesPerSecond(), limits.burst(), System.nanoTime());
  }

  /** Starts reading with {@code handler}; call on the socket's context. */
  public void start(FrameHandler frameHandler) {
    this.handler = frameHandler;
    Vertx vertx = context.owner();
    silentTimer = vertx.setTimer(limits.silentTimeout().toMillis(), t -> close(Limits.SILENT_CLOSE, "silent"));
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> {
      cancelSilentTimer();
      close((short) 1003, "binary frames are not supported");
    });
    // Netty refuses an oversized or malformed frame before we see it; Vert.x would then close
    // with 1000, which tells the client nothing. Close with the status Netty chose (1009, 1002).
    ws.exceptionHandler(e -> {
      if (e instanceof CorruptedWebSocketFrameException corrupt) {
        close((short) corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
      }
    });
    ws.closeHandler(v -> {
      closed = true;
      cancelSilentTimer();
      try {
        handler.closed();
      } finally {
        onClosed.run();
      }
    });
  }

  /** Pings the client, on the socket's own context. */
  void ping() {
    context.runOnContext(v -> {
      if (!closed && !ws.isClosed()) {
        ws.writePing(Buffer.buffer());
      }
    });
  }

  /** Whether the socket has closed; on the connection's context. */
  public boolean isClosed() {
    return closed;
  }

  private void cancelSilentTimer() {
    if (silentTimer >= 0) {
      context.owner().cancelTimer(silentTimer);
      silentTimer = -1;
    }
  }

  private void onText(String text) {
    if (closed) {
      return;
    }
    // The client has sent a frame: the socket is in use from now on, however quiet it gets.
    cancelSilentTimer();
    if (!limiter.tryAcquire(System.nanoTime())) {
      if (++limited > limits.burst()) {
        close((short) 1008, "flood");
      } else {
        sendError(ErrorCode.RATE_LIMITED, "Too many messages; slow down.", null, null);
      }
      return;
    }
    limited = 0;
    JsonObject frame;
    try {
      frame = Frames.parse(text);
    } catch (LyttException e) {
      if (++garbage > Limits.MAX_GARBAGE) {
        close((short) 1008, "garbage");
      } else {
        sendError(ErrorCode.BAD_JSON, "A frame must be one JSON object.", null, null);
      }
      return;
    }
    Fields fields = new Fields(frame);
    tail = tail.eventually(() -> dispatch(frame, fields));
  }

  private Future<?> dispatch(JsonObject frame, Fields fields) {
    String type;
    try {
      type = fields.type();
      return handler.handle(type, frame, fields).onFailure(e -> fail(e, frame));
    } catch (RuntimeException e) {
      fail(e, frame);
      return Future.succeededFuture();
    }
  }

  private void fail(Throwable e, JsonObject frame) {
    String ref = frame.getValue("type") instanceof String s ? s : null;
    String chatId = frame.getValue("chatId") instanceof String s && s.length() <= 64 ? s : null;
    // A refused envelope is named, so its sender sends again from there and no further back.
    long seq = "msg".equals(ref) && frame.getValue("seq") instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
    if (e instanceof LyttException le) {
      sendError(le.code(), le.getMessage(), ref, chatId, seq);
    } else if (e instanceof StoreUnavailableException) {
      sendError(ErrorCode.UNAVAILABLE, "Temporarily unavailable; try again shortly.", ref, chatId, seq);
    } else {
      // The frame is not logged: it may be someone's ciphertext or token. The type is enough (a
      // handler ran, so it is one the server knows).
      log.log(Level.ERROR, "Failed to handle a '" + ref + "' frame", e);
      sendError(ErrorCode.INTERNAL, "Something went wrong on our side.", ref, chatId, seq);
    }
  }

  private void sendError(ErrorCode code, String message, String ref, String chatId) {
    sendError(code, message, ref, chatId, 0);
  }

  private void sendError(ErrorCode code, String message, String ref, String chatId, long seq) {
    metrics.protocolErrors.inc(code.wire());
    JsonObject error = Frames.error(code, message, ref, chatId);
    send(seq > 0 ? error.put("seq", seq) : error);
  }

  public void send(JsonObject frame) {
    send(frame, FrameText.of(frame));
  }

  /** Sends {@code frame} already written as {@code text}, for a frame that goes to many sockets. */
  public void send(JsonObject frame, String text) {
    String chatId = frame.getString("chatId");
    String type = frame.getString("type");
    long seq = frame.getLong("seq", 0L);
    boolean onContext = Vertx.currentContext() == context;
    if (QUEUE.equals(type)) {
      sendQueueFrame(new QueueFrame(text, null), onContext);
    } else if (onContext) {
      sendOrHold(chatId, type, seq, text);
    } else {
      context.runOnContext(v -> sendOrHold(chatId, type, seq, text));
    }
  }

  /**
   * Sends a console's queue view, {@code text}, unless the last one written on this socket showed
   * the same ({@code shows}: the view without its clock). A chat ending, a colleague's break, the
   * periodic refresh all announce the queue; with nobody new in it, a view would only move the clock
   * the console already keeps.
   */
  public void showQueue(String text, String shows) {
    sendQueueFrame(new QueueFrame(text, shows), Vertx.currentContext() == context);
  }

  /** The next queue view is sent even if it shows the same: the console cleared its own (off duty). */
  public void forgetQueueShown() {
    onContext(() -> queueShown = null);
  }

  /**
   * Views from several event loops arrive in no particular order; the last to arrive is written.
   * Should that be an older one, what this socket records as shown is still what it wrote, so the
   * next announcement (a change, or the periodic refresh) corrects it.
   */
  private void sendQueueFrame(QueueFrame frame, boolean onContext) {
    if (waitingQueueFrame.getAndSet(frame) == null && !onContext) {
      context.runOnContext(v -> writeWaitingQueueFrame());
    } else if (onContext) {
      writeWaitingQueueFrame();
    }
  }

  private void writeWaitingQueueFrame() {
    QueueFrame frame = waitingQueueFrame.getAndSet(null);
    if (frame == null) {
      return;
    }
    if (frame.shows() != null) {
      if (frame.shows().equals(queueShown)) {
        return;
      }
      queueShown = frame.shows();
    }
    write(frame.text());
  }

  /** @param shows what a console's view shows, without its clock; null for a visitor's place */
  private record QueueFrame(String text, String shows) {
  }

  private void sendOrHold(String chatId, String type, long seq, String text) {
    if (!gate.held(chatId, type, seq, text)) {
      write(text);
    }
  }

  /**
   * From now until {@link #joined} or {@link #joinFailed}, offers wait: a console can take a visitor
   * as soon as the store has queued them, and the client must hear {@code joined} first. Call
   * before asking the store: an offer reaches this connection through its context, after this.
   */
  public void holdOffers() {
    onContext(gate::holdOffers);
  }

  /** Sends the answer to a join, then any offer that came meanwhile. */
  public void joined(JsonObject joined) {
    onContext(() -> {
      write(FrameText.of(joined));
      gate.releaseOffers(this::write);
    });
  }

  /** A join failed: nothing waits for it any more (no offer can have come for a visitor never queued). */
  public void joinFailed() {
    onContext(() -> gate.releaseOffers(this::write));
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /**
   * From now until {@link #replayed}, live frames of {@code chatId} wait, so that a resume's replay
   * reaches the client first. Call on this connection's context, before asking the store.
   */
  public void holdLive(String chatId) {
    gate.hold(chatId);
  }

  /**
   * Sends a resume's frames (the {@code resumed} answer and the messages the client missed), then
   * the live frames that waited, without the messages the replay already carried.
   */
  public void replayed(String chatId, List<JsonObject> replay, long replayedUpTo) {
    replay.forEach(f -> write(FrameText.of(f)));
    gate.release(chatId, replayedUpTo, this::write);
  }

  private void write(String text) {
    if (!closed && !ws.isClosed()) {
      ws.writeTextMessage(text);
    }
  }

  public void close(short code, String reason) {
    if (Vertx.currentContext() == context) {
      closeNow(code, reason);
    } else {
      context.runOnContext(v -> closeNow(code, reason));
    }
  }

  private void closeNow(short code, String reason) {
    if (!ws.isClosed()) {
      metrics.socketCloses.inc(Short.toString(code));
      log.log(Level.DEBUG, "Closing with " + code + " (" + reason + ")");
      ws.close(code, reason);
    }
  }
}
