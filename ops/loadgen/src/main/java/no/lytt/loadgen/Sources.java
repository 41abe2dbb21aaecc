package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WebSocket clients bound to loopback source addresses 127.0.0.1, 127.0.0.2, …: one address has
 * only the ephemeral port range (~28k ports) towards one server port, so a hundred thousand
 * connections need several. Connections are spread round-robin; each client is shared by many
 * connections and has no limit of its own on how many it opens.
 */
final class Sources {
  /** Connections per source address, comfortably below the ~28k ephemeral ports. */
  static final int PER_ADDRESS = 20_000;
  private final Vertx vertx;
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final List<WebSocketClient> fresh = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger nextFresh = new AtomicInteger();

  Sources(Vertx vertx, int addresses) {
    this.vertx = vertx;
    for (int i = 1; i <= addresses; i++) {
      clients.add(vertx.createWebSocketClient(options(i)));
    }
  }

  private static WebSocketClientOptions options(int address) {
    return new WebSocketClientOptions()
        .setLocalAddress("127.0.0." + address)
        .setMaxConnections(Integer.MAX_VALUE)
        .setConnectTimeout(30_000)
        .setMaxFrameSize(1 << 20)
        .setMaxMessageSize(1 << 20);
  }

  /** A client of its own for one connection, on the next source address; closed with the rest. */
  WebSocketClient fresh() {
    WebSocketClient c = vertx.createWebSocketClient(options(1 + Math.floorMod(nextFresh.getAndIncrement(),
        clients.size())));
    fresh.add(c);
    return c;
  }

  /** Enough addresses for {@code connections}. */
  static int addressesFor(int connections) {
    return Math.max(1, (connections + PER_ADDRESS - 1) / PER_ADDRESS);
  }

  WebSocketClient next() {
    return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
  }

  Future<Void> close() {
    List<WebSocketClient> all = new ArrayList<>(clients);
    synchronized (fresh) {
      all.addAll(fresh);
    }
    return Future.join(all.stream().map(WebSocketClient::close).toList()).mapEmpty();
  }
}
