package no.lytt.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.lytt.support.RedisServer;

/**
 * The two-node behaviour against the two Redis servers of the project's production configuration
 * ({@code ops/redis/ephemeral.conf} without persistence, {@code ops/redis/durable.conf} append-only
 * with fsync on every write, both with {@code ops/redis/users.acl}): no eviction, the default user
 * off, and Lytt connecting as its own ACL user with only the commands, keys and channels it needs.
 * A command Lytt uses but the ACL forgot fails these tests.
 */
class TwoNodesOnProductionRedisTest extends TwoNodesOnRedisTest {
  private static final String PASSWORD = "test-only-password-7f3a";

  @Override
  Map<String, String> redis() {
    try {
      Path ops = Path.of(System.getProperty("user.dir")).resolveSibling("ops").resolve("redis");
      Path dir = Files.createTempDirectory("lytt-prod-redis-");
      Path acl = dir.resolve("users.acl");
      Files.writeString(acl, Files.readString(ops.resolve("users.acl"))
          .replace("CHANGE-ME-TO-A-LONG-RANDOM-PASSWORD", PASSWORD));
      RedisServer ephemeral = RedisServer.launch(ops.resolve("ephemeral.conf").toString(), "--aclfile", acl.toString());
      RedisServer durable = RedisServer.launch(ops.resolve("durable.conf").toString(), "--aclfile", acl.toString());
      redisStarted(ephemeral);
      redisStarted(durable);
      return Map.of("LYTT_REDIS_URI", "redis://lytt:" + PASSWORD + "@127.0.0.1:" + ephemeral.port(),
          "LYTT_REDIS_DURABLE_URI", "redis://lytt:" + PASSWORD + "@127.0.0.1:" + durable.port());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
