package no.lytt.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.lettuce.core.resource.Transports;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import no.lytt.config.StoreConfig;

/**
 * The Lettuce side of one Redis deployment: one command connection and, where nodes talk to each
 * other, one pub/sub connection, for a single server, a Sentinel-managed primary or a Cluster alike.
 *
 * <p>While Redis is unreachable, commands are refused at once instead of being buffered and
 * replayed later ({@code REJECT_COMMANDS}): a replayed "accept" or "join" minutes later would do
 * something nobody asked for any more. Every command has a deadline, keep-alive notices a
 * half-open link, and the clients reconnect by themselves.
 */
public final class RedisConnector implements AutoCloseable {
  private final ClientResources resources;
  private final AutoCloseable client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterAsyncCommands<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> pubSub;

  private RedisConnector(ClientResources resources, AutoCloseable client,
                         StatefulConnection<String, String> connection,
                         RedisClusterAsyncCommands<String, String> commands,
                         StatefulRedisPubSubConnection<String, String> pubSub) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.commands = commands;
    this.pubSub = pubSub;
  }

  /**
   * Connects to the ephemeral Redis, with pub/sub, its connections on {@code loops}. Blocking: call
   * off those loops.
   */
  public static RedisConnector connect(StoreConfig config, EventLoopGroup loops) {
    return connect(config.ephemeral(), config.timeoutMillis(), true, new CommandListener() { }, loops);
  }

  /**
   * {@link #connect(StoreConfig.RedisTarget, int, boolean, CommandListener, EventLoopGroup)} without
   * metrics, on Lettuce's own threads: for a command-line tool that runs no event loops.
   */
  public static RedisConnector connect(StoreConfig.RedisTarget target, int timeoutMillis, boolean subscribes) {
    return connect(target, timeoutMillis, subscribes, new CommandListener() { }, null);
  }

  /**
   * Connects, or fails with Lettuce's exception when no server answers. Blocking: call off the
   * event loop.
   *
   * @param subscribes whether this node will subscribe here (only the ephemeral Redis carries
   *                   messages between nodes)
   * @param listener   told every command's outcome and duration (on the connection's thread), for metrics
   * @param loops      the node's event loops, which the connections then share ({@link SharedEventLoops});
   *                   null gives Lettuce threads of its own
   */
  public static RedisConnector connect(StoreConfig.RedisTarget target, int timeoutMillis, boolean subscribes,
                                       CommandListener listener, EventLoopGroup loops) {
    Duration timeout = Duration.ofMillis(timeoutMillis);
    DefaultClientResources.Builder builder = DefaultClientResources.builder().computationThreadPoolSize(2);
    // A native transport (epoll) found on the class path would make Lettuce open channels of a kind
    // that Vert.x's NIO loops cannot run: then Lettuce keeps threads of its own.
    if (loops != null && Transports.socketChannelClass() == NioSocketChannel.class) {
      builder.eventLoopGroupProvider(new SharedEventLoops(loops));
    } else {
      builder.ioThreadPoolSize(2);
    }
    // Commands sent in one turn of the event loop leave in one write: each is flushed on its own
    // otherwise, a system call per command.
    builder.nettyCustomizer(new NettyCustomizer() {
      @Override
      public void afterChannelInitialized(Channel channel) {
        channel.pipeline().addFirst(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
      }
    });
    ClientResources resources = builder.build();
    SocketOptions socket = SocketOptions.builder()
        .connectTimeout(timeout.multipliedBy(2))
        .keepAlive(SocketOptions.KeepAliveOptions.builder().enable()
            .idle(Duration.ofSeconds(5)).interval(Duration.ofSeconds(2)).count(3).build())
        .build();
    TimeoutOptions timeouts = TimeoutOptions.builder().fixedTimeout(timeout).build();
    List<RedisURI> uris = Arrays.stream(target.uri().split(",")).map(String::trim).map(RedisURI::create).toList();
    try {
      if (target.topology() == StoreConfig.Topology.CLUSTER) {
        RedisClusterClient client = RedisClusterClient.create(resources, uris);
        client.addListener(listener);
        client.setOptions(ClusterClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .autoReconnect(true).socketOptions(socket).timeoutOptions(timeouts)
            .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(Duration.ofSeconds(30)).enableAllAdaptiveRefreshTriggers().build())
            .build());
        var connection = client.connect(Utf8Codec.UTF8);
        var pubSub = subscribes ? client.connectPubSub(Utf8Codec.UTF8) : null;
        // Node connections open lazily, and with REJECT_COMMANDS the first command to a node whose
        // connection is still opening is refused: open them all now.
        for (RedisClusterNode node : connection.getPartitions()) {
          if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
            connection.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort(), ConnectionIntent.WRITE).join();
            if (pubSub != null) {
              pubSub.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort()).join();
            }
          }
        }
        return new RedisConnector(resources, client::shutdown, connection, connection.async(), pubSub);
      }
      RedisClient client = RedisClient.create(resources);
      client.addListener(listener);
      client.setOptions(ClientOptions.builder()
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .autoReconnect(true).socketOptions(socket).timeoutOptions(timeouts).build());
      var connection = client.connect(Utf8Codec.UTF8, uris.get(0));
      return new RedisConnector(resources, client::shutdown, connection, connection.async(),
          subscribes ? client.connectPubSub(Utf8Codec.UTF8, uris.get(0)) : null);
    } catch (RuntimeException e) {
      resources.shutdown();
      throw e;
    }
  }

  public RedisClusterAsyncCommands<String, String> commands() {
    return commands;
  }

  /**
   * Whether every key lives on one server (a single server or a Sentinel-managed primary), so one
   * script may touch any keys; in a Cluster a script's keys must share a slot.
   */
  public boolean oneShard() {
    return !(connection instanceof io.lettuce.core.cluster.api.StatefulRedisClusterConnection);
  }

  /** The connection that subscribes; commands on it are only (un)subscriptions. */
  public StatefulRedisPubSubConnection<String, String> pubSub() {
    if (pubSub == null) {
      throw new IllegalStateException("this connector was opened without pub/sub");
    }
    return pubSub;
  }

  /** Lettuce's resources; their event bus reports reconnects. */
  public ClientResources resources() {
    return resources;
  }

  public boolean isOpen() {
    return connection.isOpen();
  }

  /** Closes connections and client; blocking, call off the event loop. */
  @Override
  public void close() {
    try {
      if (pubSub != null) {
        pubSub.close();
      }
      connection.close();
      client.close();
    } catch (Exception e) {
      // closing anyway
    } finally {
      resources.shutdown().awaitUninterruptibly();
    }
  }
}
