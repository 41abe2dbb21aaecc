package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RawSocket;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose Redis goes away (the process is killed) and comes back: newcomers are told
 * "temporarily unavailable" instead of waiting, a chat whose two sides are on this node keeps
 * going, and once Redis is back everything works again without a restart, with the chat's
 * history intact for a later resume.
 */
class RedisOutageTest {
  private RedisServer redis;
  private TestServer node;
  private final ChatClients clients = new ChatClients();

  @BeforeEach
  void start() {
    // Append-only file on, as in production: what was written before the crash is there after it.
    redis = RedisServer.launch("--appendonly", "yes", "--appendfsync", "always");
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterEach
  void stop() {
    clients.close();
    node.close();
    redis.close();
  }

  @Test
  void whileRedisIsAwayNewcomersAreToldAndARunningChatOnThisNodeContinues() {
    CounsellorClient counsellor = clients.demoOnDuty(node, 2);
    VisitorClient visitor = clients.visitor(node);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(visitor.send("before the outage"));
    assertEquals("before the outage", Await.of(counsellor.nextMessage(chatId)).text());

    redis.kill();

    // No welcome can be made without the store: the newcomer is told at once, before it asks anything.
    try (RawSocket newcomer = node.visitorSocket()) {
      assertEquals("unavailable", newcomer.nextError().getString("code"));
    }
    assertEquals(503, node.request(HttpMethod.POST, "/api/login", null,
        new JsonObject().put("username", "demo").put("password", TestServer.DEMO_PASSWORD).encode()).status());
    assertEquals(503, node.request(HttpMethod.GET, "/ready", null, null).status());

    for (int i = 1; i <= 3; i++) {
      Await.of(visitor.send("during " + i));
      assertEquals("during " + i, Await.of(counsellor.nextMessage(chatId)).text());
      Await.of(counsellor.send(chatId, "answer " + i));
      assertEquals("answer " + i, Await.of(visitor.nextMessage()).text());
    }

    redis.start();
    Await.until(() -> node.request(HttpMethod.GET, "/ready", null, null).status() == 200, "recovery");

    // What was said during the outage reached the store: a resume after it loses nothing.
    Await.of(counsellor.disconnect());
    Await.of(visitor.send("after"));
    Await.of(counsellor.reconnect());
    assertEquals("after", Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, "welcome back"));
    assertEquals("welcome back", Await.of(visitor.nextMessage()).text());

    try (RawSocket newcomer = node.visitorSocket()) {
      newcomer.send(new JsonObject().put("type", "join").put("preference", "none").put("language", "nb"));
      assertEquals(1, newcomer.next("joined").getInteger("position"));
    }
  }

  @Test
  void aVisitorWhoLeavesWhileRedisIsAwayIsReleasedAfterTheGracePeriodAllTheSame() throws InterruptedException {
    TestServer shortGrace = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open", "LYTT_CHAT_GRACE_SECONDS", "2"));
    try {
      VisitorClient gone = clients.visitor(shortGrace);
      assertEquals(1, Await.of(gone.join("none", "nb")).getInteger("position"));
      redis.kill();
      Await.of(gone.disconnect());
      Thread.sleep(300); // the node notices the departure while Redis is away
      redis.start();
      Await.until(() -> shortGrace.request(HttpMethod.GET, "/ready", null, null).status() == 200, "recovery");

      VisitorClient later = clients.visitor(shortGrace);
      assertEquals(2, Await.of(later.join("none", "nb")).getInteger("position"));
      Await.of(later.frames().next("queue", f -> f.getInteger("position") == 1), 30);
    } finally {
      shortGrace.close();
    }
  }
}
