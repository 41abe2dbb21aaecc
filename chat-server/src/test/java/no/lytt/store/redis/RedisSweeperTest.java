package no.lytt.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import no.lytt.config.StoreConfig;
import no.lytt.support.Await;
import no.lytt.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep runs in one script and so holds Redis while it walks. With more chats than one walk
 * looks at, each turn takes the next batch, and the turns together reach every chat.
 */
class RedisSweeperTest {
  private static final Duration GRACE = Duration.ofSeconds(120);
  private final Vertx vertx = Vertx.vertx();
  private final RedisServer redis = RedisServer.launch();
  private final RedisConnector node = RedisConnector.connect(
      new StoreConfig.RedisTarget(redis.uri(), StoreConfig.Topology.STANDALONE), 2_000, false);
  private final RedisClient admin = RedisClient.create(redis.uri());
  private final RedisCommands<String, String> redisCli = admin.connect().sync();

  @AfterEach
  void stop() {
    admin.shutdown();
    node.close();
    redis.close();
    Await.of(vertx.close());
  }

  @Test
  void eachTurnLooksAtABatchOfChatsAndTheTurnsTogetherReachThemAll() {
    // Chat ids left in the set of all chats after their chats were deleted: a walk drops each one
    // it looks at, so what is left says how far the walks have come.
    int chats = RedisSweeper.CHATS_PER_SWEEP * 2 + 200;
    for (int i = 0; i < chats; i++) {
      redisCli.sadd(RedisStore.TAG + "chatids", "gone" + i);
    }
    RedisSweeper sweeper = new RedisSweeper(vertx, node, Clock.systemUTC());

    nextTurn(sweeper);
    long afterOne = redisCli.scard(RedisStore.TAG + "chatids");
    assertTrue(afterOne >= chats - RedisSweeper.CHATS_PER_SWEEP * 1.5 && afterOne < chats,
        "one turn looked at about one batch, not at every chat: " + (chats - afterOne) + " of " + chats);

    for (int turn = 2; turn <= 6 && redisCli.scard(RedisStore.TAG + "chatids") > 0; turn++) {
      nextTurn(sweeper);
    }
    assertEquals(0, redisCli.scard(RedisStore.TAG + "chatids"), "every chat was reached");
    assertEquals(0, redisCli.exists(RedisStore.TAG + "sweep-cursor"), "the walk is back at the start");
  }

  @Test
  void aPassTakesAtMostHalfAGracePeriodHoweverManyChatsThereAre() {
    int chats = RedisSweeper.CHATS_PER_SWEEP * 3;
    for (int i = 0; i < chats; i++) {
      redisCli.sadd(RedisStore.TAG + "chatids", "gone" + i);
    }
    // A 4 s grace period and a 2 s period leave one turn for a pass: it must look at every chat.
    nextTurn(new RedisSweeper(vertx, node, Clock.systemUTC()), Duration.ofSeconds(4));
    assertEquals(0, redisCli.scard(RedisStore.TAG + "chatids"));
  }

  private void nextTurn(RedisSweeper sweeper) {
    nextTurn(sweeper, GRACE);
  }

  /** The turn another node would take after the period: the last turn's mark is gone by then. */
  private void nextTurn(RedisSweeper sweeper, Duration grace) {
    redisCli.del(RedisStore.TAG + "swept");
    RedisSweeper.Leftovers left = Await.of(sweeper.sweep(grace, Duration.ofSeconds(30), Duration.ofSeconds(2)));
    assertTrue(left.isEmpty(), "nothing to release: these chats were already gone");
  }
}
