package no.lytt.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Round trips through the relay — the visitor sends, the counsellor's client opens it and answers,
 * the visitor opens the answer — with the embedded store, with both sides on one Redis-backed
 * node, and with the two sides on two nodes sharing Redis. Prints percentiles; asserts nothing.
 *
 * <pre>mvn -B -q test -pl chat-server -am -Dexec.skip=true -Dlytt.bench -Dtest=RelayRoundTripBench \
 *   -Dsurefire.failIfNoSpecifiedTests=false; cat chat-server/target/surefire-reports/*RelayRoundTripBench-output.txt</pre>
 */
@Tag("bench")
class RelayRoundTripBench {
  private static final int WARM_UP = 300;
  private static final int ROUNDS = 2_000;

  @Test
  void roundTrips() throws Exception {
    Path key = Files.createTempDirectory("lytt-bench-").resolve("dev-org.key");
    try (RedisServer redis = RedisServer.launch()) {
      // The per-socket rate limit is for people typing; one client here sends as fast as it can.
      Map<String, String> embedded = Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_ORG_DEV_KEY_FILE", key.toString(),
          "LYTT_LIMITS_MESSAGES_PER_SECOND", "1000", "LYTT_LIMITS_BURST", "10000");
      Map<String, String> onRedis = new HashMap<>(embedded);
      onRedis.putAll(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri()));
      try (TestServer one = TestServer.start(embedded)) {
        measure("embedded store, one node", one, one);
      }
      try (TestServer a = TestServer.start(onRedis); TestServer b = TestServer.start(onRedis)) {
        measure("Redis, both sides on one node", a, a);
        measure("Redis, sides on two nodes", a, b);
      }
    }
  }

  private static void measure(String label, TestServer visitorNode, TestServer counsellorNode) {
    try (ChatClients clients = new ChatClients()) {
      CounsellorClient counsellor = clients.demoOnDuty(counsellorNode, 2);
      VisitorClient visitor = clients.visitor(visitorNode);
      String chatId = ChatClients.startChat(counsellor, visitor);
      long[] micros = new long[ROUNDS];
      for (int i = 0; i < WARM_UP + ROUNDS; i++) {
        long start = System.nanoTime();
        try {
          Await.of(visitor.send("ping " + i));
          Await.of(counsellor.nextMessage(chatId));
          Await.of(counsellor.send(chatId, "pong " + i));
          Await.of(visitor.nextMessage());
        } catch (AssertionError e) {
          throw new AssertionError(label + " stopped at round " + i + "; visitor " + visitor.warnings()
              + visitor.frames().history().stream().filter(f -> "error".equals(f.getString("type"))).toList()
              + "; counsellor " + counsellor.warnings()
              + counsellor.frames().history().stream().filter(f -> "error".equals(f.getString("type"))).toList(), e);
        }
        if (i >= WARM_UP) {
          micros[i - WARM_UP] = (System.nanoTime() - start) / 1_000;
        }
      }
      Arrays.sort(micros);
      System.out.println(new JsonObject().put("case", label).put("roundTrips", ROUNDS)
          .put("p50_us", micros[ROUNDS / 2]).put("p90_us", micros[ROUNDS * 9 / 10])
          .put("p99_us", micros[ROUNDS * 99 / 100]).put("max_us", micros[ROUNDS - 1]).encode());
    }
  }
}
