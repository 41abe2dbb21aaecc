package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import no.lytt.support.RawSocket;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node welcoming as many visitors as {@code limits.welcomes-in-flight} allows answers the next
 * page's upgrade 503 at once, before any socket exists, and lets pages in again as soon as the
 * welcomes under way are sent.
 */
class WelcomesInFlightTest {
  private RedisServer redis;
  private RedisClient admin;
  private StatefulRedisConnection<String, String> adminConnection;
  private TestServer node;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.launch();
    admin = RedisClient.create(redis.uri());
    adminConnection = admin.connect();
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open", "LYTT_LIMITS_WELCOMES_IN_FLIGHT", "1", "LYTT_METRICS_ON_MAIN_PORT", "true",
        // Long enough that a welcome waiting on a paused Redis is still under way when the next page comes.
        "LYTT_REDIS_TIMEOUT_MS", "10000",
        "LYTT_ORG_DEV_KEY_FILE", Files.createTempDirectory("lytt-welcomes-").resolve("dev-org.key").toString()));
  }

  @AfterEach
  void stop() {
    client("UNPAUSE");
    node.close();
    adminConnection.close();
    admin.shutdown();
    redis.close();
  }

  @Test
  void aPageArrivingWhileTheNodeIsWelcomingAsManyAsItMayIsAskedToComeBackAndThenGetsIn() {
    // The welcome's reading of the queue is a script, and scripts wait while writes are paused.
    client("PAUSE", "60000", "WRITE");
    try (RawSocket first = node.visitorSocket()) {
      RuntimeException deferred = assertThrows(RuntimeException.class, () -> node.visitorSocket().close());
      assertEquals(503, RedisPausedTest.upgradeStatus(deferred), "the second page, while the first waits for its welcome");

      client("UNPAUSE");
      JsonObject welcome = first.next("welcome");
      assertEquals(true, welcome.getJsonObject("status").getBoolean("open"));
    }
    try (RawSocket later = node.visitorSocket()) {
      later.next("welcome");
    }
    String metrics = node.request(io.vertx.core.http.HttpMethod.GET, "/metrics", null, null).body();
    assertEquals(true, metrics.contains("lytt_visitor_upgrades_deferred_total 1"), "counted for the operator");
  }

  private void client(String... args) {
    CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8);
    for (String a : args) {
      commandArgs.add(a);
    }
    adminConnection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), commandArgs);
  }
}
