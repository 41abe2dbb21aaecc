package no.lytt.loadgen;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stack's own limit: a WebSocket relay on Vert.x with nothing else. Two sockets that connect
 * with the same {@code /relay?pair=N} are linked, and each text frame from one is written to the
 * other as it is. No parsing, no sequence numbers, no store, no acknowledgements, no crypto, no
 * origin check, no limits — everything Lytt does beyond moving bytes is what the difference to
 * this relay costs. One server instance per core, as Lytt runs.
 *
 * <pre>java -cp lytt-loadgen.jar no.lytt.loadgen.BareRelay PORT</pre>
 */
public final class BareRelay extends VerticleBase {
  private final int port;
  private final Map<String, ServerWebSocket> waiting;

  private BareRelay(int port, Map<String, ServerWebSocket> waiting) {
    this.port = port;
    this.waiting = waiting;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Map<String, ServerWebSocket> waiting = new ConcurrentHashMap<>();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BareRelay(port, waiting),
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .onFailure(e -> {
          System.err.println("Bare relay could not start: " + e.getMessage());
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
            .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20))
        .webSocketHandler(this::pair)
        .requestHandler(req -> req.response().end("{\"status\":\"up\"}"))
        .listen();
  }

  private void pair(ServerWebSocket ws) {
    ServerWebSocket[] partner = new ServerWebSocket[1];
    waiting.compute(String.valueOf(ws.query()), (id, first) -> {
      partner[0] = first;
      return first == null ? ws : null;
    });
    if (partner[0] != null) {
      link(ws, partner[0]);
      link(partner[0], ws);
    }
  }

  private static void link(ServerWebSocket from, ServerWebSocket to) {
    from.textMessageHandler(to::writeTextMessage);
    from.closeHandler(v -> to.close());
  }
}
