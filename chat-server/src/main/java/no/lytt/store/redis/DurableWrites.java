package no.lytt.store.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The step between "Redis answered" and "it is on disk", for writes a visitor is promised will
 * survive: a code is shown only after this completes.
 *
 * <p>Redis 7.2 and later: {@code WAITAOF 1 0 <ms>} after the write, which returns once the local
 * append-only file is fsynced. Redis 7.0 and 7.1 have no such command; there the guarantee comes
 * from {@code appendfsync always}, with which Redis fsyncs the append-only file before it sends the
 * reply to a write, so the reply itself is the acknowledgement (docs/operations.md requires that
 * setting). Under Cluster, WAITAOF cannot be routed to the shard of the write (it has no key), so
 * the same setting is relied on there too. So is it where the ACL does not allow WAITAOF (the
 * project's ACL file must load on Redis 7.0, which does not know the command): a warning says so.
 *
 * <p>{@link #problem()} tells at start-up whether Redis keeps an append-only file at all; without
 * one no acknowledgement means anything, and a production node refuses to start.
 */
final class DurableWrites {
  private static final ProtocolKeyword WAITAOF = new ProtocolKeyword() {
    private final byte[] name = "WAITAOF".getBytes(StandardCharsets.US_ASCII);

    @Override
    public byte[] getBytes() {
      return name;
    }

    @Override
    public String toString() {
      return "WAITAOF";
    }
  };
  private static final System.Logger LOG = System.getLogger("lytt.redis");
  /**
   * How long a write may wait for the disk before the caller is told it is not yet durable; below
   * the smallest sensible redis.timeout-ms, so Redis answers before the client gives up.
   */
  private static final long TIMEOUT_MS = 500;

  private final Supplier<RedisClusterAsyncCommands<String, String>> redis;
  private final boolean cluster;
  private volatile Boolean waitAof;

  DurableWrites(Supplier<RedisClusterAsyncCommands<String, String>> redis, boolean cluster) {
    this.redis = redis;
    this.cluster = cluster;
  }

  /** Completes once everything written before on this connection is on disk. */
  CompletionStage<Void> acknowledged() {
    if (cluster) {
      return CompletableFuture.completedStage(null);
    }
    return supported().thenCompose(yes -> yes ? waitAof() : CompletableFuture.completedStage(null));
  }

  /**
   * Completes with null when Redis keeps an append-only file (so an acknowledged write is on disk
   * once fsynced), or with what is wrong, for the operator.
   */
  CompletionStage<String> problem() {
    return redis.get().info("persistence").thenCompose(info -> info.contains("aof_enabled:1")
        ? supported().thenApply(yes -> (String) null)
        : CompletableFuture.completedStage("it keeps no append-only file (appendonly no)"));
  }

  /** Whether WAITAOF exists and this user may send it; asked once. */
  private CompletionStage<Boolean> supported() {
    Boolean known = waitAof;
    if (known != null) {
      return CompletableFuture.completedStage(known);
    }
    return redis.get().commandInfo("WAITAOF").thenCompose(info -> {
      boolean exists = info != null && !info.isEmpty() && info.get(0) != null;
      if (!exists) {
        return CompletableFuture.completedStage(false);
      }
      // WAITAOF 0 0 0 returns at once; it fails only if the ACL refuses the command.
      return send(0, 0).handle((reply, e) -> {
        if (e != null) {
          LOG.log(System.Logger.Level.WARNING, "Redis refuses WAITAOF to Lytt's user: add +waitaof to its ACL. "
              + "Until then callback and ticket writes count as on disk on the strength of appendfsync always.");
        }
        return e == null;
      });
    }).thenApply(yes -> {
      waitAof = yes;
      return yes;
    });
  }

  private CompletionStage<List<Object>> send(long local, long timeoutMs) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(local).add(0).add(timeoutMs);
    return redis.get().dispatch(WAITAOF, new ArrayOutput<>(StringCodec.UTF8), args);
  }

  private CompletionStage<Void> waitAof() {
    return send(1, TIMEOUT_MS).thenAccept(reply -> {
      List<Object> counts = reply;
      if (counts.isEmpty() || ((Long) counts.get(0)) < 1) {
        throw new IllegalStateException("the append-only file was not fsynced within " + TIMEOUT_MS + " ms");
      }
    });
  }
}
