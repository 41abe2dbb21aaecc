package no.lytt.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import no.lytt.config.StoreConfig;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.queue.CounsellorProfile;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.queue.QueueEntry;
import no.lytt.relay.ChatOffer;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import no.lytt.presence.Duty;
import no.lytt.store.DispatchRequest;
import no.lytt.store.Store;
import no.lytt.store.StoreContractTest;
import no.lytt.support.Await;
import no.lytt.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  @Test
  void heldCiphertextThatExpiredIsReportedAsLostNotSkipped() throws InterruptedException {
    StoreConfig config = new StoreConfig(StoreConfig.Kind.REDIS, redis.uri(), StoreConfig.Topology.STANDALONE, 800);
    RedisStore shortLived = new RedisStore(vertx, RedisConnector.connect(config, ((VertxInternal) vertx).nettyEventLoopGroup()), Clock.systemUTC(), "node-ttl",
        Duration.ofMillis(100), Duration.ofSeconds(5));
    try {
      QueueEntry visitor = new QueueEntry("v1", "hash-v1", Preference.NONE, Language.NB, T0);
      await(shortLived.enqueue(visitor, 10, 0));
      CounsellorProfile kari = new CounsellorProfile("kari", Gender.WOMAN, Set.of(Language.NB));
      await(shortLived.setDuty(new Duty("kari", Duty.Status.ON, 1)));
      await(shortLived.dispatch(new DispatchRequest(kari, "c1", "d1",
          new ChatOffer("pub", "sig", Map.of("deviceId", "d1")), T0)));
      await(shortLived.openChat("c1", "enc"));
      await(shortLived.append("c1", Direction.TO_VISITOR, new Envelope(1, "x"), 10));
      Thread.sleep(300); // longer than the 100 ms the ciphertext may be held
      LyttException lost = assertThrows(LyttException.class,
          () -> await(shortLived.pending("c1", Direction.TO_VISITOR, 0)));
      assertEquals(ErrorCode.MESSAGES_LOST, lost.code());
    } finally {
      await(shortLived.close());
    }
  }

  @Test
  void anOpenedChatsEnvelopeLogIsKeptForTwoDaysAtMost() {
    await(store.enqueue(entry("a", 1), 10, 0));
    dispatch("c1", 2);
    await(store.openChat("c1", "enc"));
    RedisClient admin = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> c = admin.connect()) {
      long left = c.sync().pttl(RedisStore.logKey("c1"));
      assertTrue(left > Duration.ofDays(2).minusMinutes(1).toMillis() && left <= Duration.ofDays(2).toMillis(),
          left + " ms");
    } finally {
      admin.shutdown();
    }
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
    return new RedisStore(vertx, RedisConnector.connect(config, ((VertxInternal) vertx).nettyEventLoopGroup()), clock, "node-test", Duration.ofMinutes(5),
        Duration.ofSeconds(5));
  }
}
