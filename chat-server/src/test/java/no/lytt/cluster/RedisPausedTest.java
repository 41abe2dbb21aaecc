package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.lytt.client.ChatSession;
import no.lytt.client.CounsellorClient;
import no.lytt.client.SocketClosed;
import no.lytt.client.Transport;
import no.lytt.client.VisitorClient;
import no.lytt.relay.AppendResult;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RawSocket;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis alive but not answering for a while ({@code CLIENT PAUSE … WRITE}: every script waits, as
 * behind a long-running script or a failover): a page or console that comes back meanwhile is told
 * so at once instead of being left on a silent socket, a message refused meanwhile goes again on
 * the same socket, and once Redis answers again everything arrives, once.
 */
class RedisPausedTest {
  private RedisServer redis;
  private RedisClient admin;
  private StatefulRedisConnection<String, String> adminConnection;
  private TestServer node;
  /** A second node on the same Redis: a chat across two nodes cannot carry on from memory. */
  private TestServer other;
  private final ChatClients clients = new ChatClients();

  @BeforeEach
  void start() {
    redis = RedisServer.launch();
    admin = RedisClient.create(redis.uri());
    adminConnection = admin.connect();
    Map<String, String> env = Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open", "LYTT_REDIS_TIMEOUT_MS", "300",
        "LYTT_ORG_DEV_KEY_FILE", devKey().toString());
    node = TestServer.start(env);
    other = TestServer.start(env);
  }

  private static java.nio.file.Path devKey() {
    try {
      return java.nio.file.Files.createTempDirectory("lytt-shared-").resolve("dev-org.key");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    resumeRedis();
    clients.close();
    node.close();
    other.close();
    adminConnection.close();
    admin.shutdown();
    redis.close();
  }

  /** Every script (and so every Lytt command behind it) waits until {@link #resumeRedis}. */
  private void pauseRedis() {
    client("PAUSE", "60000", "WRITE");
  }

  private void resumeRedis() {
    client("UNPAUSE");
  }

  private void client(String... args) {
    CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8);
    for (String a : args) {
      commandArgs.add(a);
    }
    adminConnection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), commandArgs);
  }

  @Test
  void aVisitorWhoResumesWhileRedisDoesNotAnswerIsToldAndKeepsTheirPlaceForTheNextResume() {
    String token;
    try (RawSocket first = node.visitorSocket()) {
      first.next("welcome");
      first.send(new JsonObject().put("type", "join").put("preference", "none").put("language", "nb"));
      token = first.next("joined").getString("resumeToken");
    }
    try (RawSocket back = node.visitorSocket()) {
      back.next("welcome");
      pauseRedis();
      back.send(new JsonObject().put("type", "resume").put("token", token).put("lastSeq", 0));
      JsonObject refused = back.nextError();
      assertEquals("unavailable", refused.getString("code"));
      assertEquals("resume", refused.getString("ref"));

      resumeRedis();
      back.send(new JsonObject().put("type", "resume").put("token", token).put("lastSeq", 0));
      JsonObject resumed = back.next("resumed");
      assertEquals("queued", resumed.getString("state"));
      assertEquals(1, resumed.getInteger("position"), "still first in the queue");
    }
  }

  @Test
  void aMessageRefusedWhileRedisDoesNotAnswerGoesAgainOnTheSameSocketAndArrivesOnceThoughTheStoreHadIt() {
    CounsellorClient counsellor = clients.demoOnDuty(other, 2);
    VisitorClient visitor = clients.visitor(node);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Transport socket = visitor.transport();

    pauseRedis();
    visitor.send("sent while the store was stuck");
    JsonObject refused = Await.of(visitor.frames().next("error"));
    assertEquals("unavailable", refused.getString("code"));
    assertEquals(1L, refused.getLong("seq"), "the refusal names the envelope");
    resumeRedis();
    // As when the store's answer timed out but its write did not: the store holds the message,
    // nobody relayed it, and the visitor was told it was refused.
    ChatSession.Envelope sealed = visitor.session().unacked().get(0);
    assertEquals(AppendResult.ACCEPTED, Await.of(node.lytt().store().append(chatId, Direction.TO_COUNSELLOR,
        new Envelope(sealed.seq(), sealed.ct()), 256)));

    assertEquals("sent while the store was stuck", Await.of(counsellor.nextMessage(chatId)).text());
    Await.until(() -> visitor.session().unacked().isEmpty(), "the visitor hearing it was delivered");
    assertSame(socket, visitor.transport(), "sent again on the same socket, without a reconnect");
    Await.of(visitor.send("and the next one"));
    assertEquals("and the next one", Await.of(counsellor.nextMessage(chatId)).text(), "nothing arrived twice");
  }

  @Test
  void aVisitorClientTheNodeCannotWelcomeIsToldSoAtOnceInsteadOfWaitingForeverAndConnectsLater() {
    pauseRedis();
    // The node says `unavailable` and closes with 1013; the client's connect fails with the close
    // (a wait that timed out would be an AssertionError from Await, not this).
    SocketClosed refused = assertThrows(SocketClosed.class, () -> clients.visitor(node));
    assertEquals((short) 1013, refused.closeCode());

    resumeRedis();
    VisitorClient visitor = clients.visitor(node);
    assertEquals(1, Await.of(visitor.join("none", "nb")).getInteger("position"));
  }

  @Test
  void aConsoleThatComesBackWhileRedisDoesNotAnswerIsRefusedAtOnceThenFindsWhatWasSentMeanwhile() {
    CounsellorClient counsellor = clients.demoOnDuty(node, 2);
    VisitorClient visitor = clients.visitor(node);
    String chatId = ChatClients.startChat(counsellor, visitor);
    String cookie = node.login("demo", TestServer.DEMO_PASSWORD);
    Await.of(counsellor.disconnect());
    Await.of(visitor.send("are you still there?"));

    pauseRedis();
    // Its session cannot be checked: the upgrade is refused (the page retries with backoff)
    // rather than a socket opened that would never say anything.
    RuntimeException refused = assertThrows(RuntimeException.class, () -> node.consoleSocket(cookie).close());
    assertEquals(503, upgradeStatus(refused));

    resumeRedis();
    JsonObject welcome = Await.of(counsellor.reconnect());
    assertEquals(chatId, welcome.getJsonArray("chats").getJsonObject(0).getString("chatId"));
    assertEquals("are you still there?", Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, "yes, sorry, I am back"));
    assertEquals("yes, sorry, I am back", Await.of(visitor.nextMessage()).text());
  }

  static int upgradeStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.core.http.UpgradeRejectedException u) {
        return u.getStatus();
      }
    }
    throw new AssertionError("not an upgrade refusal", e);
  }
}
