package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;

/**
 * Chats on the two peers, each a pair of plain WebSockets that relay payloads and nothing else.
 *
 * <ul>
 *   <li>{@link Protocol#BARE}: the bare Vert.x relay ({@link BareRelay}), {@code /relay?pair=N};
 *       a text frame is the payload.</li>
 *   <li>{@link Protocol#SOCKET_IO}: the Socket.IO relay (ops/socketio-relay), spoken as Engine.IO 4
 *       / Socket.IO 5 over a plain WebSocket: the server's open packet {@code 0{…}}, our namespace
 *       connect {@code 40}, its {@code 40{…}} answer, events {@code 42["m","…"]}, and a pong
 *       {@code 3} to each ping {@code 2}. One client stack for all three servers: the same Vert.x
 *       event loops, source addresses and timing path, rather than socket.io-client-java on OkHttp
 *       with threads of its own.</li>
 * </ul>
 */
final class SocketPairs implements ChatTarget {
  enum Protocol { BARE, SOCKET_IO }

  private final Protocol protocol;
  private final Sources sources;
  private final List<Integer> sidePorts;
  private final Tracker tracker;
  private final int firstPair;
  private WebSocket[] sockets = new WebSocket[0];

  /**
   * @param sidePorts the server port side 0 and side 1 connect to (equal on one node)
   * @param firstPair the pair id of chat 0, so several sets of pairs can share one relay
   */
  SocketPairs(Protocol protocol, Sources sources, List<Integer> sidePorts, Tracker tracker, int firstPair) {
    this.protocol = protocol;
    this.firstPair = firstPair;
    this.sources = sources;
    this.sidePorts = sidePorts;
    this.tracker = tracker;
  }

  @Override
  public Future<Void> open(int chats) {
    sockets = new WebSocket[chats * 2];
    return Parallel.run(chats, 64, i -> connect(i, 0).compose(v -> connect(i, 1)));
  }

  private Future<Void> connect(int chat, int side) {
    ClientWebSocket ws = sources.next().webSocket();
    Promise<Void> ready = Promise.promise();
    // Handlers first: the Socket.IO server speaks the moment the upgrade completes.
    ws.textMessageHandler(text -> onText(chat, side, ws, text, ready));
    ws.exceptionHandler(e -> tracker.error());
    int pair = firstPair + chat;
    String path = protocol == Protocol.BARE ? "/relay?pair=" + pair
        : "/socket.io/?EIO=4&transport=websocket&pair=" + pair;
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
            .setPort(sidePorts.get(side)).setURI(path))
        .compose(w -> {
          sockets[chat * 2 + side] = w;
          if (protocol == Protocol.BARE) {
            ready.tryComplete();
          }
          return ready.future();
        });
  }

  private void onText(int chat, int side, WebSocket ws, String text, Promise<Void> ready) {
    if (protocol == Protocol.BARE) {
      tracker.received(chat, 1 - side, text);
    } else if (text.startsWith("42[")) {
      // 42["m","<payload>"]: the payload has no characters JSON would escape.
      int start = text.indexOf(",\"") + 2;
      tracker.received(chat, 1 - side, text.substring(start, text.length() - 2));
    } else if (text.equals("2")) {
      ws.writeTextMessage("3");
    } else if (text.startsWith("0{")) {
      ws.writeTextMessage("40");
    } else if (text.startsWith("40")) {
      ready.tryComplete();
    } else if (text.startsWith("44")) {
      ready.tryFail("Socket.IO refused the connection: " + text);
    }
  }

  @Override
  public void send(int chat, int side, String payload) {
    String frame = protocol == Protocol.BARE ? payload : "42[\"m\",\"" + payload + "\"]";
    sockets[chat * 2 + side].writeTextMessage(frame).onFailure(e -> tracker.error());
  }

  @Override
  public void pauseReader(int chat, boolean paused) {
    WebSocket ws = sockets[chat * 2];
    if (paused) {
      ws.pause();
    } else {
      ws.resume();
    }
  }

  @Override
  public int connections() {
    int open = 0;
    for (WebSocket ws : sockets) {
      open += ws != null && !ws.isClosed() ? 1 : 0;
    }
    return open;
  }

  @Override
  public Future<Void> close() {
    return Future.join(java.util.Arrays.stream(sockets).filter(w -> w != null && !w.isClosed())
        .map(WebSocket::close).toList()).mapEmpty();
  }
}
