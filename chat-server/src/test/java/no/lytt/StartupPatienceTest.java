package no.lytt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import no.lytt.config.StoreConfig;
import no.lytt.socket.LocalClients;
import no.lytt.store.StoreUnavailableException;
import no.lytt.store.redis.RedisClients;
import no.lytt.store.redis.RedisConnector;
import no.lytt.support.Await;
import no.lytt.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node's first commands to a Redis that does not answer for a moment: its subscription is made
 * once Redis answers again, where a single try fails start-up; a failure that is not the store's
 * being unavailable is not tried again, and a store that stays away is given up on.
 */
class StartupPatienceTest {
  private final Vertx vertx = Vertx.vertx();
  private RedisServer redis;
  private RedisConnector node;
  private RedisClient admin;
  private StatefulRedisConnection<String, String> adminConnection;

  @BeforeEach
  void start() {
    redis = RedisServer.launch();
    node = RedisConnector.connect(new StoreConfig.RedisTarget(redis.uri(), StoreConfig.Topology.STANDALONE), 300, true);
    admin = RedisClient.create(redis.uri());
    adminConnection = admin.connect();
  }

  @AfterEach
  void stop() {
    adminConnection.close();
    admin.shutdown();
    node.close();
    redis.close();
    Await.of(vertx.close());
  }

  private RedisClients clients() {
    RedisClients clients = new RedisClients(new LocalClients(), node, "nstartup1", vertx.getOrCreateContext(), Clock.systemUTC());
    clients.listen();
    return clients;
  }

  @Test
  void aSubscriptionThatTimesOutWhileRedisIsPausedIsMadeOnceRedisAnswers() {
    RedisClients clients = clients();
    adminConnection.sync().clientPause(1_500);
    StoreUnavailableException once = assertInstanceOf(StoreUnavailableException.class,
        failure(clients.subscribe()), "one try, as start-up made before, fails");

    Await.of(new StartupPatience(vertx, Duration.ofSeconds(20)).run("subscribing", clients::subscribe));
    String inbox = "lytt:{lytt}:inbox:nstartup1";
    assertEquals(1L, adminConnection.sync().pubsubShardNumsub(inbox).get(inbox),
        "this node's inbox has its subscriber, where one try failed with: " + once.getMessage());
  }

  @Test
  void aFailureThatIsNotTheStoresBeingAwayStopsStartUpAtOnce() {
    AtomicInteger tries = new AtomicInteger();
    Throwable failed = failure(new StartupPatience(vertx, Duration.ofSeconds(20)).run("checking", () -> {
      tries.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("the durable Redis cannot keep callbacks"));
    }));
    assertEquals("the durable Redis cannot keep callbacks", failed.getMessage());
    assertEquals(1, tries.get());
  }

  @Test
  void aStoreThatStaysAwayIsGivenUpOnAtTheDeadline() {
    AtomicInteger tries = new AtomicInteger();
    Throwable failed = failure(new StartupPatience(vertx, Duration.ofSeconds(1)).run("checking", () -> {
      tries.incrementAndGet();
      return Future.failedFuture(new StoreUnavailableException("Redis cannot be reached", null));
    }));
    assertInstanceOf(StoreUnavailableException.class, failed);
    // At once, after 250 ms and after 500 ms more; the next wait (1 s) would pass the deadline. A
    // timer that fires late on a loaded machine can leave room for one try fewer, never one more.
    assertTrue(tries.get() >= 2 && tries.get() <= 3, "tried again, and given up at the deadline: " + tries.get());
  }

  private static Throwable failure(Future<?> f) {
    return assertThrows(RuntimeException.class, () -> Await.of(f));
  }
}
