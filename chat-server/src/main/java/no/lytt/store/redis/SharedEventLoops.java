package no.lytt.store.redis;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's connections on the node's own event loops instead of a thread pool of their own.
 *
 * <p>Why: with a pool of its own, every command crossed threads twice (written from the event loop
 * by Lettuce's thread, answered back to the event loop), and each crossing wakes a sleeping
 * thread. A message relayed between nodes takes several commands and a published frame, and on a
 * busy node those wake-ups cost more than the work. On the event loop that holds the connection, a
 * command is written at once and its answer is read and handled on that same thread.
 *
 * <p>The loops belong to Vert.x: Lettuce may use them but never shuts them down.
 */
final class SharedEventLoops implements EventLoopGroupProvider {
  private final EventLoopGroup loops;

  SharedEventLoops(EventLoopGroup loops) {
    this.loops = loops;
  }

  /** Lettuce asks by class; Vert.x's group runs the NIO transport that Lettuce picks without a native one. */
  @Override
  @SuppressWarnings("unchecked")
  public <T extends EventLoopGroup> T allocate(Class<T> type) {
    return (T) loops;
  }

  @Override
  public int threadPoolSize() {
    int n = 0;
    for (var ignored : loops) {
      n++;
    }
    return n;
  }

  @Override
  public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
    return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
  }

  @Override
  public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
    return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
  }
}
