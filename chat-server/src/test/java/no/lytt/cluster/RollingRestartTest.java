package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.lytt.accounts.DevelopmentSetup;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.VisitorClient;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceKeys;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.Nginx;
import no.lytt.support.NodeProcess;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling restart as an operator does it (docs/operations.md, "Upgrade"): two nodes in JVMs of
 * their own behind a real nginx with the production site's proxy rules, a real redis-server, chats
 * running and the queue full. Node A gets SIGTERM, drains, exits and starts again; then node B.
 * Messages are sent throughout, also while a node drains. Nothing may be lost or shown twice, every
 * queued visitor keeps their place and its order, every client moves by itself (close code 4003),
 * and each node's log is JSON lines without personal data and without an error.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RollingRestartTest {
  private static final int CHATS = 3;
  private static final int WAITING = 5;
  private static final String PASSWORD = "rolling-restart-demo-password";
  private static final SecureRandom RANDOM = new SecureRandom();
  private RedisServer redis;
  private NodeProcess a;
  private NodeProcess b;
  private Nginx nginx;
  private final Vertx vertx = Vertx.vertx();
  private final List<VisitorClient> visitors = new ArrayList<>();
  private CounsellorClient counsellor;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.launch();
    Path dir = Files.createTempDirectory("lytt-rolling-");
    int proxyPort = TestServer.freePort();
    Map<String, String> env = new HashMap<>(Map.of(
        "LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(), "LYTT_HOURS_OVERRIDE", "open",
        "LYTT_HTTP_HOST", "127.0.0.1", "LYTT_HTTP_PUBLIC_ORIGIN", "http://localhost:" + proxyPort,
        "LYTT_HTTP_TRUSTED_PROXIES", "127.0.0.1", "LYTT_ORG_DEV_KEY_FILE", dir.resolve("dev-org.key").toString(),
        "LYTT_DEMO_PASSWORD", PASSWORD, "LYTT_LIMITS_QUEUE_LENGTH", Integer.toString(WAITING),
        "LYTT_DRAIN_DEADLINE_SECONDS", "60"));
    env.putAll(Map.of("LYTT_ARGON2_MEMORY_KIB", "1024", "LYTT_ARGON2_ITERATIONS", "1",
        "LYTT_LIMITS_CONNECTIONS_PER_SOURCE", "100000", "LYTT_LIMITS_MAX_CAPACITY", "10",
        "LYTT_HTTP_EVENT_LOOPS", "1", "LYTT_LOG_FORMAT", "json"));
    a = new NodeProcess(env, TestServer.freePort(), dir);
    b = new NodeProcess(env, TestServer.freePort(), dir);
    // One after the other: the first creates the shared development organisation key.
    a.start();
    b.start();
    nginx = Nginx.start(proxyPort, List.of(a.port(), b.port()));
  }

  @AfterEach
  void stop() {
    visitors.forEach(v -> quietly(v.close()));
    if (counsellor != null) {
      quietly(counsellor.close());
    }
    quietly(vertx.close());
    if (nginx != null) {
      nginx.close();
    }
    a.close();
    b.close();
    redis.close();
  }

  @Test
  void restartingBothNodesInTurnLosesNoMessageAndNoQueuePlace() {
    String origin = "http://localhost:" + nginx.port();
    URI visitorUri = URI.create("ws://127.0.0.1:" + nginx.port() + "/ws/visitor");
    byte[] orgPub = B64u.decode(DevelopmentSetup.orgKey(Path.of(envKeyFile()), RANDOM).publicKeyB64u());

    counsellor = new CounsellorClient(vertx, URI.create("http://127.0.0.1:" + nginx.port() + "/"), origin,
        DeviceKeys.generate(RANDOM), RANDOM);
    Await.of(counsellor.login("demo", PASSWORD));
    Await.of(counsellor.registerDevice());
    Await.of(counsellor.connect());
    Await.of(counsellor.hello());
    Await.of(counsellor.duty(true, CHATS));

    List<VisitorClient> chatting = new ArrayList<>();
    List<String> chatIds = new ArrayList<>();
    for (int i = 0; i < CHATS; i++) {
      VisitorClient v = visitor(orgPub, visitorUri, origin);
      chatIds.add(ChatClients.startChat(counsellor, v));
      chatting.add(v);
    }
    List<VisitorClient> waiting = new ArrayList<>();
    for (int i = 0; i < WAITING; i++) {
      VisitorClient v = visitor(orgPub, visitorUri, origin);
      assertEquals(i + 1, Await.of(v.join("none", "nb")).getInteger("position"));
      waiting.add(v);
    }
    VisitorClient turnedAway = visitor(orgPub, visitorUri, origin);
    Throwable full = Await.of(turnedAway.join("none", "nb").map(j -> (Throwable) null).otherwise(e -> e));
    assertEquals("queue_full", ((ProtocolError) full).code());

    Traffic traffic = new Traffic(counsellor, chatting, chatIds);
    traffic.round();
    traffic.receiveAll();

    for (NodeProcess node : List.of(a, b)) {
      node.terminate();
      traffic.round(); // sent while the node drains: some go out on a socket that is closing
      assertEquals(143, node.awaitExit(), "a clean exit after SIGTERM");
      assertTrue(node.stderr().contains("Drained: every client has moved to another node"), node.stderr());
      traffic.round();
      node.start();
      traffic.round();
    }

    List<VisitorClient> everyone = new ArrayList<>(visitors);
    Await.until(() -> counsellor.moves() >= 1 && everyone.stream().allMatch(v -> v.moves() >= 1),
        "every client to have moved by itself at least once");
    traffic.receiveAll();
    traffic.assertExactlyOnceInOrder();

    // Places: the waiting visitors still hold positions 1..5 in the order they joined.
    Await.until(() -> {
      for (int i = 0; i < WAITING; i++) {
        if (lastPosition(waiting.get(i)) != i + 1) {
          return false;
        }
      }
      return true;
    }, "positions 1.." + WAITING + " in join order");
    // ...and are served in that order once the counsellor is free.
    for (int i = 0; i < CHATS; i++) {
      Await.of(chatting.get(i).end());
      String chatId = chatIds.get(i);
      Await.of(counsellor.frames().next("ended", f -> chatId.equals(f.getString("chatId"))));
    }
    Await.of(counsellor.duty(true, WAITING));
    for (int i = 0; i < WAITING; i++) {
      String chatId = Await.of(counsellor.accept()).getString("chatId");
      assertEquals(chatId, Await.of(waiting.get(i).chat()).chatId(), "visitor " + (i + 1) + " is served " + (i + 1) + ".");
      for (int j = i + 1; j < WAITING; j++) {
        assertFalse(waiting.get(j).chat().isComplete(), "visitor " + (j + 1) + " is not served before " + (i + 1));
      }
    }

    // A resume's replay reaches the client before any live envelope of that chat, so no client saw
    // a gap, a failed tag, an unknown chat or an unparseable frame.
    for (VisitorClient v : visitors) {
      assertEquals(List.of(), v.warnings());
    }
    assertEquals(List.of(), counsellor.warnings());
    assertLogsAreJsonWithoutPersonalData(traffic);
  }

  private VisitorClient visitor(byte[] orgPub, URI uri, String origin) {
    VisitorClient v = new VisitorClient(vertx, orgPub, Clock.systemUTC());
    visitors.add(v);
    Await.of(v.connect(uri, origin));
    return v;
  }

  /** The position the visitor was last told: in {@code joined}, {@code resumed} or {@code queue}. */
  private static int lastPosition(VisitorClient v) {
    List<JsonObject> seen = v.frames().history();
    for (int i = seen.size() - 1; i >= 0; i--) {
      JsonObject f = seen.get(i);
      if (List.of("joined", "resumed", "queue").contains(f.getString("type")) && f.getInteger("position") != null) {
        return f.getInteger("position");
      }
    }
    return -1;
  }

  private void assertLogsAreJsonWithoutPersonalData(Traffic traffic) {
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, "127.0.0.1", traffic.sample()));
    visitors.stream().map(VisitorClient::resumeToken).filter(t -> t != null).forEach(secrets::add);
    for (NodeProcess node : List.of(a, b)) {
      for (String run : node.allStderr()) {
        for (String line : run.split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          JsonObject json = new JsonObject(line);
          for (String field : List.of("time", "level", "logger", "message")) {
            assertTrue(json.containsKey(field), field + " in " + line);
          }
          // A clean drain: nothing fails on the way out (no store used after it was closed).
          assertFalse("error".equals(json.getString("level")), line);
          for (String secret : secrets) {
            assertFalse(line.contains(secret), "the log contains " + secret + ": " + line);
          }
        }
      }
    }
  }

  private String envKeyFile() {
    return a.env("LYTT_ORG_DEV_KEY_FILE");
  }

  private static void quietly(Future<Void> closing) {
    try {
      closing.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing what is already gone
    }
  }

  /**
   * Messages in every chat, both ways, numbered by round. Sends are not awaited: one sent while a
   * node drains may fail on its closing socket, and must then arrive anyway through the resume.
   */
  private static final class Traffic {
    private final CounsellorClient counsellor;
    private final List<VisitorClient> visitors;
    private final List<String> chatIds;
    private final List<List<String>> toCounsellor = new ArrayList<>();
    private final List<List<String>> toVisitor = new ArrayList<>();
    private final List<List<String>> atCounsellor = new ArrayList<>();
    private final List<List<String>> atVisitor = new ArrayList<>();
    private int rounds;

    Traffic(CounsellorClient counsellor, List<VisitorClient> visitors, List<String> chatIds) {
      this.counsellor = counsellor;
      this.visitors = visitors;
      this.chatIds = chatIds;
      for (int i = 0; i < chatIds.size(); i++) {
        toCounsellor.add(new ArrayList<>());
        toVisitor.add(new ArrayList<>());
        atCounsellor.add(new ArrayList<>());
        atVisitor.add(new ArrayList<>());
      }
    }

    void round() {
      rounds++;
      for (int i = 0; i < chatIds.size(); i++) {
        String v = "from visitor " + i + " in round " + rounds;
        String c = "from counsellor " + i + " in round " + rounds;
        toCounsellor.get(i).add(v);
        toVisitor.get(i).add(c);
        visitors.get(i).send(v);
        counsellor.send(chatIds.get(i), c);
      }
    }

    /** Reads every message sent so far, in arrival order. */
    void receiveAll() {
      for (int i = 0; i < chatIds.size(); i++) {
        while (atCounsellor.get(i).size() < toCounsellor.get(i).size()) {
          atCounsellor.get(i).add(Await.of(counsellor.nextMessage(chatIds.get(i)), 60).text());
        }
        while (atVisitor.get(i).size() < toVisitor.get(i).size()) {
          atVisitor.get(i).add(Await.of(visitors.get(i).nextMessage(), 60).text());
        }
      }
    }

    void assertExactlyOnceInOrder() {
      for (int i = 0; i < chatIds.size(); i++) {
        assertEquals(toCounsellor.get(i), atCounsellor.get(i), "visitor → counsellor in chat " + i);
        assertEquals(toVisitor.get(i), atVisitor.get(i), "counsellor → visitor in chat " + i);
        // Each side opened exactly as many envelopes as the other sealed: none twice, none skipped.
        assertEquals(toCounsellor.get(i).size(), Await.of(counsellor.chat(chatIds.get(i))).lastReceivedSeq());
        assertEquals(toVisitor.get(i).size(), Await.of(visitors.get(i).chat()).lastReceivedSeq());
      }
    }

    String sample() {
      return toCounsellor.get(0).get(0);
    }
  }
}
