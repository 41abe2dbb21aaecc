package no.lytt.store.redis;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Clock;
import java.time.Duration;
import no.lytt.config.StoreConfig;
import no.lytt.store.Store;
import no.lytt.store.StoreContractTest;
import no.lytt.support.Await;
import no.lytt.support.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real three-primary Redis Cluster. */
class RedisClusterStoreTest extends StoreContractTest {
  private static RedisCluster cluster;
  private static Vertx vertx;

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.launch();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopCluster() {
    Await.of(vertx.close());
    cluster.close();
  }

  @AfterEach
  void closeStore() {
    Await.of(store.close());
  }

  @Override
  protected Store createStore(Clock clock) {
    cluster.flushAll();
    StoreConfig config = new StoreConfig(StoreConfig.Kind.REDIS, cluster.uris(), StoreConfig.Topology.CLUSTER, 800);
    return new RedisStore(vertx, RedisConnector.connect(config, ((VertxInternal) vertx).nettyEventLoopGroup()), clock, "node-test", Duration.ofMinutes(5),
        Duration.ofSeconds(5));
  }
}
