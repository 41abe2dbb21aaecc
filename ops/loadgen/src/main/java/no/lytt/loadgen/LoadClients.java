package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's side of a run: its own Vert.x (separate from every server, as browsers
 * are) and the source addresses its connections come from.
 */
final class LoadClients implements AutoCloseable {
  /**
   * One event loop per core it may use (one, pinned), not Vert.x's two: the sending loop then owns
   * every socket it writes to, so no message crosses threads on its way out.
   */
  final Vertx vertx = Vertx.vertx(new VertxOptions()
      .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
  final Sources sources;

  LoadClients(int connections) {
    this.sources = new Sources(vertx, Sources.addressesFor(connections));
  }

  /** The target for {@code stack}: side 1 (counsellors, socket B) on the last node when crossing. */
  ChatTarget target(Stack stack, Tracker tracker, boolean cross, int capacity) {
    List<Integer> ports = stack.ports();
    int other = cross ? ports.size() - 1 : 0;
    return switch (stack.target()) {
      case LYTT -> new LyttChats(vertx, sources, stack.lyttNodes(), tracker, 0, other, capacity);
      case BARE -> new SocketPairs(SocketPairs.Protocol.BARE, sources, List.of(ports.get(0), ports.get(other)),
          tracker, 0);
      case SOCKETIO -> new SocketPairs(SocketPairs.Protocol.SOCKET_IO, sources,
          List.of(ports.get(0), ports.get(other)), tracker, 0);
    };
  }

  static <T> T await(Future<T> f, long seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().toString(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }

  @Override
  public void close() {
    try {
      await(sources.close().eventually(vertx::close), 30);
    } catch (RuntimeException e) {
      // closing at the end of a run
    }
  }
}
