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
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  Sources(Vertx vertx, int addresses) {
    for (int i = 1; i <= addresses; i++) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
          .setLocalAddress("127.0.0." + i)
          .setMaxConnections(Integer.MAX_VALUE)
          .setConnectTimeout(30_000)
          .setMaxFrameSize(1 << 20)
          .setMaxMessageSize(1 << 20)));
    }
  }

  /** Enough addresses for {@code connections}. */
  static int addressesFor(int connections) {
    return Math.max(1, (connections + PER_ADDRESS - 1) / PER_ADDRESS);
  }

  WebSocketClient next() {
    return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
  }

  Future<Void> close() {
    return Future.join(clients.stream().map(WebSocketClient::close).toList()).mapEmpty();
  }
}
