package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.lytt.client.CallbackVisitor;
import no.lytt.crypto.B64u;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A code shown to a visitor is a promise that their request exists: the node answers only once
 * Redis has the request on disk, so killing Redis (kill -9, no shutdown, no final fsync) right
 * after the answer loses nothing. Redis runs as the durable store must: append-only file,
 * {@code appendfsync always}.
 */
@Timeout(120)
class CallbackDurabilityTest {
  private RedisServer redis;
  private TestServer node;
  private final ChatClients clients = new ChatClients();
  private final Vertx vertx = Vertx.vertx();

  @BeforeEach
  void start() {
    redis = RedisServer.launch("--appendonly", "yes", "--appendfsync", "always");
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterEach
  void stop() {
    clients.close();
    node.close();
    redis.close();
    Await.of(vertx.close());
  }

  @Test
  void aCodeThatWasShownSurvivesRedisBeingKilled() {
    clients.demoOnDuty(node, 1);
    CallbackVisitor visitor = new CallbackVisitor(vertx, URI.create(node.origin() + "/"), node.origin(),
        B64u.decode(node.lytt().organisationPublicKey()), Clock.systemUTC(), new SecureRandom());
    Instant now = Instant.now();
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "",
        List.<Instant[]>of(new Instant[] {now.plusSeconds(60), now.plusSeconds(3600)}), "none", "nb"));

    redis.kill();
    redis.start();
    Await.until(() -> node.request(HttpMethod.GET, "/ready", null, null).status() == 200, "Redis back");

    assertEquals("waiting", Await.of(visitor.status(issued.code().text())).getString("state"));
    Await.of(visitor.close());
  }
}
