package no.lytt.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import no.lytt.config.StoreConfig;
import no.lytt.store.Store;
import no.lytt.store.StoreContractTest;
import no.lytt.support.Await;
import no.lytt.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real redis-server. */
class RedisStoreTest extends StoreContractTest {
  private static RedisServer redis;
  private static Vertx vertx;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.launch();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopRedis() {
    Await.of(vertx.close());
    redis.close();
  }

  @AfterEach
  void closeStore() {
    Await.of(store.close());
  }

  @Override
  protected Store createStore(Clock clock) {
    RedisClient admin = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> c = admin.connect()) {
      c.sync().flushall();
    } finally {
      admin.shutdown();
    }
    StoreConfig config = new StoreConfig(StoreConfig.Kind.REDIS, redis.uri(), StoreConfig.Topology.STANDALONE, 800);
    return new RedisStore(vertx, RedisConnector.connect(config), clock, "node-test", Duration.ofMinutes(5),
        Duration.ofSeconds(5));
  }
}
