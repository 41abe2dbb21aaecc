package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.lytt.accounts.Role;
import no.lytt.client.CounsellorClient;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import no.lytt.client.CallbackDesk;
import no.lytt.client.CallbackVisitor;
import no.lytt.client.ProtocolError;
import no.lytt.crypto.B64u;
import no.lytt.client.VisitorClient;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing Redis, as behind a load balancer: a visitor on one node and a counsellor on
 * the other chat, race, resume on the other node, and log out everywhere at once. Runs against a
 * single redis-server here and against a Redis Cluster in {@link TwoNodesOnRedisClusterTest}.
 */
class TwoNodesOnRedisTest {
  private final List<AutoCloseable> redis = new ArrayList<>();
  private TestServer a;
  private TestServer b;
  private final ChatClients clients = new ChatClients();

  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    env = new HashMap<>(redis());
    // Both nodes trust the same organisation key, as a real deployment configures it.
    Path key = Files.createTempDirectory("lytt-shared-").resolve("dev-org.key");
    env.putAll(Map.of("LYTT_STORE", "redis", "LYTT_HOURS_OVERRIDE", "open",
        "LYTT_ORG_DEV_KEY_FILE", key.toString(), "LYTT_CHAT_GRACE_SECONDS", "2",
        "LYTT_LIMITS_MAX_CAPACITY", "10"));
    a = TestServer.start(env);
    b = TestServer.start(env);
  }

  /** Starts Redis and returns the environment that points a node at it. */
  Map<String, String> redis() {
    RedisServer server = RedisServer.launch();
    redis.add(server);
    return Map.of("LYTT_REDIS_URI", server.uri());
  }

  void redisStarted(AutoCloseable started) {
    redis.add(started);
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    a.close();
    b.close();
    for (AutoCloseable r : redis) {
      r.close();
    }
  }

  @Test
  void aVisitorOnOneNodeAndACounsellorOnTheOtherChatBothWaysInOrder() {
    CounsellorClient counsellor = clients.demoOnDuty(b, 2);
    VisitorClient visitor = clients.visitor(a);
    String chatId = ChatClients.startChat(counsellor, visitor);

    // Ten each way at once: with their acknowledgements, within the default per-socket burst.
    List<Future<Long>> sent = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sent.add(visitor.send("v" + i));
      sent.add(counsellor.send(chatId, "c" + i));
    }
    Await.of(Future.all(sent));
    for (int i = 1; i <= 10; i++) {
      assertEquals("v" + i, Await.of(counsellor.nextMessage(chatId)).text());
      assertEquals("c" + i, Await.of(visitor.nextMessage()).text());
    }
    Await.of(visitor.end());
    assertTrue(Await.of(counsellor.nextMessage(chatId)).isEnd());
    Await.of(counsellor.frames().next("ended"));
  }

  @Test
  void aMessageCrossingNodesCostsOneRedisRoundTripForItsWriteAndOneForItsAcknowledgement() {
    CounsellorClient counsellor = clients.demoOnDuty(b, 2);
    VisitorClient visitor = clients.visitor(a);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(visitor.send("hello"));
    assertEquals("hello", Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(visitor.frames().next("delivered", f -> f.getLong("seq") == 1));

    int messages = 20;
    long before = scriptCalls();
    for (int seq = 2; seq <= messages + 1; seq++) {
      long expected = seq;
      Await.of(visitor.send("message " + seq));
      assertEquals("message " + seq, Await.of(counsellor.nextMessage(chatId)).text());
      // The visitor's tick: the counsellor's node acknowledged, and the visitor's node was told.
      Await.of(visitor.frames().next("delivered", f -> f.getLong("seq") == expected));
    }
    long calls = scriptCalls() - before;

    // Each message is one script on the visitor's node (stored, and handed to the other node's
    // inbox) and one on the counsellor's (acknowledged, and the tick handed back). Heartbeats are
    // no scripts; the slack, one call per message, is for the nodes' sweeps and samples (a few a
    // second) on a slow machine. A frame routed in a call of its own would cost two per message.
    long perMessage = 2 * (1 + extraRoundTripsPerCrossingFrame());
    assertTrue(calls >= messages * perMessage && calls < messages * (perMessage + 1),
        calls + " script calls for " + messages + " messages");
  }

  /**
   * Round trips a frame crossing nodes costs beyond the write it follows from: none on one
   * server, where the write's script hands it on; one in a Cluster, where it cannot.
   */
  int extraRoundTripsPerCrossingFrame() {
    return 0;
  }

  /** Scripts Redis ran, over every server of the deployment. */
  private long scriptCalls() {
    long calls = 0;
    for (String uri : env.get("LYTT_REDIS_URI").split(",")) {
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(uri.trim());
      try (var connection = client.connect()) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_(?:evalsha|eval):calls=(\\d+)")
            .matcher(connection.sync().info("commandstats"));
        while (m.find()) {
          calls += Long.parseLong(m.group(1));
        }
      } finally {
        client.shutdown();
      }
    }
    return calls;
  }

  @Test
  void aCallbackRequestedOnOneNodeIsClaimedByExactlyOneOfTenCounsellorsRacingOnBoth() {
    List<CallbackDesk> desks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String username = "caller" + i;
      Await.of(a.lytt().accounts().save(username, "caller-password".toCharArray(), "Caller " + i,
          Gender.MAN, Set.of(Language.NB), Role.COUNSELLOR));
      desks.add(clients.onDuty(i % 2 == 0 ? a : b, username, "caller-password", 1).callbacks());
    }
    CallbackVisitor visitor = new CallbackVisitor(a.vertx(), URI.create(a.origin() + "/"), a.origin(),
        B64u.decode(a.lytt().organisationPublicKey()), Clock.systemUTC(), new SecureRandom());
    Instant now = Instant.now();
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "",
        List.<Instant[]>of(new Instant[] {now, now.plusSeconds(3600)}), "none", "nb"));
    List<Future<JsonObject>> claims = desks.stream().map(d -> d.act(issued.id(), "claim")).toList();
    Await.of(Future.join(claims).otherwiseEmpty());
    List<Future<JsonObject>> won = claims.stream().filter(Future::succeeded).toList();
    assertEquals(1, won.size(), "one counsellor per callback");
    claims.stream().filter(Future::failed)
        .forEach(f -> assertEquals("wrong_state", ((ProtocolError) f.cause()).code()));
    CallbackDesk winner = desks.get(claims.indexOf(won.get(0)));
    JsonObject item = Await.of(winner.list()).getJsonArray("callbacks").getJsonObject(0);
    assertEquals("+4791234567", winner.open(item).getString("phone"), "every node sees what was sealed on one");
    Await.of(winner.act(issued.id(), "done"));
    assertEquals("done", Await.of(visitor.status(issued.code().text())).getString("state"));
    Await.of(visitor.close());
  }

  @Test
  void fiftyCounsellorsOnTwoNodesRacingForTenVisitorsHandEachOutOnce() {
    List<CounsellorClient> racers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String username = "racer" + i;
      Await.of(a.lytt().accounts().save(username, "racer-password".toCharArray(), "Racer " + i,
          Gender.WOMAN, Set.of(Language.NB), Role.COUNSELLOR));
      racers.add(clients.onDuty(i % 2 == 0 ? a : b, username, "racer-password", 1));
    }
    List<VisitorClient> visitors = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      VisitorClient v = clients.visitor(i % 2 == 0 ? b : a);
      Await.of(v.join("none", "nb"));
      visitors.add(v);
    }
    List<Future<JsonObject>> attempts = racers.stream().map(CounsellorClient::accept).toList();
    Await.of(Future.join(attempts).otherwiseEmpty());

    Set<String> accepted = new HashSet<>();
    for (Future<JsonObject> attempt : attempts) {
      if (attempt.succeeded()) {
        assertTrue(accepted.add(attempt.result().getString("chatId")));
      } else {
        assertEquals("no_match", ((ProtocolError) attempt.cause()).code());
      }
    }
    assertEquals(10, accepted.size());
    Set<String> offered = new HashSet<>();
    for (VisitorClient v : visitors) {
      assertTrue(offered.add(ChatClients.chatOf(v).chatId()), "no two visitors in one chat");
      assertEquals(1, v.frames().history().stream().filter(f -> "offer".equals(f.getString("type"))).count());
    }
    assertEquals(accepted, offered);
  }

  @Test
  void aVisitorWhoseNodeCrashesResumesOnTheOtherWithNothingLostOrTwice() throws InterruptedException {
    CounsellorClient counsellor = clients.demoOnDuty(b, 2);
    VisitorClient visitor = clients.visitor(a);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(visitor.send("before"));
    assertEquals("before", Await.of(counsellor.nextMessage(chatId)).text());

    a.crash();
    for (int i = 1; i <= 3; i++) {
      Await.of(counsellor.send(chatId, "while away " + i));
    }
    visitor.send("written while away");
    JsonObject resumed = Await.of(visitor.reconnect(b.visitorUri(), b.origin()));
    assertEquals("chatting", resumed.getString("state"));
    for (int i = 1; i <= 3; i++) {
      assertEquals("while away " + i, Await.of(visitor.nextMessage()).text());
    }
    assertEquals("written while away", Await.of(counsellor.nextMessage(chatId)).text());

    // Longer than the grace period (2 s) and the sweeps: the chat lives on, on B.
    Thread.sleep(8_000);
    Await.of(visitor.send("still here"));
    Await.of(counsellor.send(chatId, "so am I"));
    assertEquals("still here", Await.of(counsellor.nextMessage(chatId)).text());
    assertEquals("so am I", Await.of(visitor.nextMessage()).text());
  }

  @Test
  void aVisitorWhoseConnectionDropsMayResumeOnTheOtherNodeWhileTheFirstStillRuns() throws InterruptedException {
    CounsellorClient counsellor = clients.demoOnDuty(b, 2);
    VisitorClient visitor = clients.visitor(a);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(visitor.disconnect());
    Await.of(counsellor.send(chatId, "while away"));
    Await.of(visitor.reconnect(b.visitorUri(), b.origin()));
    assertEquals("while away", Await.of(visitor.nextMessage()).text());

    // Node A's grace timer for the dropped socket runs out: it sees the visitor is on B and leaves the chat be.
    Thread.sleep(3_000);
    Await.of(visitor.send("still here"));
    assertEquals("still here", Await.of(counsellor.nextMessage(chatId)).text());
  }

  @Test
  void twentyCounsellorsOnTwoNodesRacingForTwoHundredVisitorsHandEachOutOnce() {
    List<CounsellorClient> racers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String username = "many" + i;
      Await.of(a.lytt().accounts().save(username, "racer-password".toCharArray(), "Many " + i,
          i % 2 == 0 ? Gender.WOMAN : Gender.MAN, Set.of(Language.NB, Language.EN), Role.COUNSELLOR));
      racers.add(clients.onDuty(i % 2 == 0 ? a : b, username, "racer-password", 10));
    }
    List<VisitorClient> visitors = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      VisitorClient v = clients.visitor(i % 2 == 0 ? b : a);
      Await.of(v.join("none", i % 3 == 0 ? "en" : "nb"));
      visitors.add(v);
    }
    List<Future<JsonObject>> attempts = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      racers.forEach(r -> attempts.add(r.accept()));
    }
    Await.of(Future.join(attempts).otherwiseEmpty(), 60);

    Set<String> accepted = new HashSet<>();
    attempts.forEach(attempt -> assertTrue(accepted.add(acceptedChatId(attempt)),
        "every accept got its own visitor"));
    Set<String> offered = new HashSet<>();
    for (VisitorClient v : visitors) {
      assertTrue(offered.add(ChatClients.chatOf(v).chatId()), "no two visitors in one chat");
      assertEquals(1, v.frames().history().stream().filter(f -> "offer".equals(f.getString("type"))).count());
    }
    assertEquals(accepted, offered);
  }

  @Test
  void whenANodeCrashesItsCounsellorsLeaveDutyAndItsVisitorsPlacesAreReleasedAfterTheGracePeriod() {
    clients.demoOnDuty(b, 2);
    VisitorClient onTheCrashingNode = clients.visitor(b);
    assertEquals(1, Await.of(onTheCrashingNode.join("woman", "nb")).getInteger("position"));
    VisitorClient onTheOtherNode = clients.visitor(a);
    assertEquals(2, Await.of(onTheOtherNode.join("man", "nb")).getInteger("position"));
    assertTrue(a.request(HttpMethod.GET, "/api/status", null, null).json().getValue("estimatedWaitSeconds") != null);

    b.crash();

    Await.until(() -> a.request(HttpMethod.GET, "/api/status", null, null).json()
        .getValue("estimatedWaitSeconds") == null, "the crashed node's counsellor going off duty");
    JsonObject moved = Await.of(onTheOtherNode.frames().next("queue", f -> f.getInteger("position") == 1), 60);
    assertEquals(1, moved.getInteger("position"), "the crashed node's visitor no longer holds the first place");
  }

  @Test
  void aCounsellorWhoseNodeCrashesIsOnDutyAgainOnTheOtherNode() {
    CounsellorClient counsellor = clients.demoOnDuty(b, 2);
    b.crash();
    JsonObject welcome = Await.of(counsellor.reconnect(java.net.URI.create(a.origin() + "/"), a.origin()));
    assertTrue(welcome.getJsonObject("duty").getBoolean("on"));
    Await.of(counsellor.hello());

    VisitorClient visitor = clients.visitor(a);
    assertTrue(Await.of(visitor.join("none", "nb")).getValue("estimatedWaitSeconds") != null,
        "visitors see a counsellor on duty, so a real estimate");
    String chatId = Await.of(counsellor.accept()).getString("chatId");
    assertEquals(chatId, Await.of(visitor.chat()).chatId());
  }

  @Test
  void loggingOutOnOneNodeEndsTheSessionEverywhereAndClosesTheConsoleOnTheOther() {
    CounsellorClient counsellor = clients.demoOnDuty(b, 2);
    String cookie = a.login("demo", TestServer.DEMO_PASSWORD);
    assertEquals(200, b.request(HttpMethod.GET, "/api/me", cookie, null).status());

    assertEquals(204, a.request(HttpMethod.POST, "/api/logout", cookie, null).status());
    assertEquals(401, b.request(HttpMethod.GET, "/api/me", cookie, null).status());
    assertEquals((short) 4001, Await.of(counsellor.transport().closed()));
  }

  @Test
  void aThirdNodeStartingLeavesTheDemoCounsellorLoggedIn() {
    String cookie = a.login("demo", TestServer.DEMO_PASSWORD);
    try (TestServer c = TestServer.start(env)) {
      assertEquals(200, c.request(HttpMethod.GET, "/api/me", cookie, null).status());
      assertEquals(200, a.request(HttpMethod.GET, "/api/me", cookie, null).status());
    }
  }

  @Test
  void aNewPasswordSetOnOneNodeEndsTheSessionsAndClosesTheConsoleOnTheOther() {
    CounsellorClient counsellor = clients.demoOnDuty(b, 2);
    String laptop = b.login("demo", TestServer.DEMO_PASSWORD);
    String phone = a.login("demo", TestServer.DEMO_PASSWORD);

    TestServer.HttpResult changed = a.request(HttpMethod.POST, "/api/password", phone, new JsonObject()
        .put("current", TestServer.DEMO_PASSWORD).put("new", "a-new-password-for-demo").encode());
    assertEquals(204, changed.status(), changed.body());
    assertEquals((short) 4001, Await.of(counsellor.transport().closed()), "the console on the other node closes");
    assertEquals(401, b.request(HttpMethod.GET, "/api/me", laptop, null).status(), "sessions end on every node");
    String fresh = changed.headers().getAll("Set-Cookie").get(0).split(";", 2)[0];
    assertEquals(200, b.request(HttpMethod.GET, "/api/me", fresh, null).status());
    b.login("demo", "a-new-password-for-demo");
  }

  private static String acceptedChatId(Future<JsonObject> attempt) {
    if (attempt.failed()) {
      throw new AssertionError("an accept failed: " + attempt.cause(), attempt.cause());
    }
    return attempt.result().getString("chatId");
  }

  @Test
  void anAdministratorsHoursSavedOnOneNodeAreFollowedByTheOtherWithoutARestart() {
    String admin = a.login("admin", TestServer.ADMIN_PASSWORD);
    try (no.lytt.support.RawSocket visitor = b.visitorSocket()) {
      assertTrue(visitor.next("welcome").getJsonObject("status").getBoolean("open"));
      TestServer.HttpResult closed = a.request(HttpMethod.POST, "/api/admin/hours/override", admin,
          new JsonObject().put("override", "closed").encode());
      assertEquals(200, closed.status(), closed.body());
      assertEquals(false, visitor.next("status").getJsonObject("status").getBoolean("open"),
          "the other node's visitors are told within its hours check");
      assertEquals(false, b.request(HttpMethod.GET, "/api/status", null, null).json().getBoolean("open"));
      String adminOnB = b.login("admin", TestServer.ADMIN_PASSWORD);
      JsonObject seenOnB = b.request(HttpMethod.GET, "/api/admin/hours", adminOnB, null).json();
      assertEquals("administrator", seenOnB.getString("source"));
      assertEquals("closed", seenOnB.getString("override"));
    }
  }
}
