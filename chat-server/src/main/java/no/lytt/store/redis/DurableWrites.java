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
 * the same setting is relied on there too.
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
  /** How long a write may wait for the disk before the caller is told it is not yet durable. */
  private static final long TIMEOUT_MS = 2_000;

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

  private CompletionStage<Boolean> supported() {
    Boolean known = waitAof;
    if (known != null) {
      return CompletableFuture.completedStage(known);
    }
    return redis.get().commandInfo("WAITAOF").thenApply(info -> {
      boolean yes = info != null && !info.isEmpty() && info.get(0) != null;
      waitAof = yes;
      return yes;
    });
  }

  private CompletionStage<Void> waitAof() {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(1).add(0).add(TIMEOUT_MS);
    return redis.get().dispatch(WAITAOF, new ArrayOutput<>(StringCodec.UTF8), args).thenAccept(reply -> {
      List<Object> counts = reply;
      if (counts.isEmpty() || ((Long) counts.get(0)) < 1) {
        throw new IllegalStateException("the append-only file was not fsynced within " + TIMEOUT_MS + " ms");
      }
    });
  }
}
