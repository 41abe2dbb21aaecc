package no.lytt.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.lytt.accounts.Role;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every console on duty sees a newcomer at once, and their counsellors press accept together: one
 * of them gets the visitor, the others hear that nobody is left, and the queue goes on serving.
 */
class AcceptHerdTest {
  private static final int CONSOLES = 6;
  private final ChatClients clients = new ChatClients();
  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    clients.close();
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  @Test
  void consolesPressingTogetherForOneVisitorOnTheEmbeddedStore() {
    oneGetsEachVisitorAndTheOthersHearNoMatch(node(Map.of()));
  }

  @Test
  void consolesPressingTogetherForOneVisitorOnRedis() {
    RedisServer redis = RedisServer.launch();
    running.add(redis);
    oneGetsEachVisitorAndTheOthersHearNoMatch(node(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri())));
  }

  private void oneGetsEachVisitorAndTheOthersHearNoMatch(TestServer node) {
    List<CounsellorClient> consoles = new ArrayList<>();
    for (int i = 0; i < CONSOLES; i++) {
      String username = "counsellor" + i;
      Await.of(node.lytt().accounts().save(username, "counsellor-password".toCharArray(), "Counsellor " + i,
          i % 2 == 0 ? Gender.WOMAN : Gender.MAN, Set.of(Language.NB), Role.COUNSELLOR));
      consoles.add(clients.onDuty(node, username, "counsellor-password", 2));
    }

    for (int round = 1; round <= 2; round++) {
      VisitorClient visitor = clients.visitor(node);
      Await.of(visitor.join("none", "nb"));

      List<Future<JsonObject>> presses = consoles.stream().map(CounsellorClient::accept).toList();
      Await.of(Future.join(presses).otherwiseEmpty());

      List<String> chats = new ArrayList<>();
      for (Future<JsonObject> press : presses) {
        if (press.succeeded()) {
          chats.add(press.result().getString("chatId"));
        } else {
          assertEquals("no_match", ((ProtocolError) press.cause()).code(), press.cause().toString());
        }
      }
      assertEquals(1, chats.size(), "round " + round + ": exactly one console got the visitor");
      assertEquals(chats.get(0), ChatClients.chatOf(visitor).chatId(), "and the visitor was offered that chat");
      assertEquals(1, visitor.frames().history().stream().filter(f -> "offer".equals(f.getString("type"))).count(),
          "once");
    }
    assertEquals(0, Await.of(node.lytt().store().queueView(0, List.of())).length(), "nobody left waiting");
  }

  private TestServer node(Map<String, String> store) {
    Map<String, String> env = new HashMap<>(store);
    env.put("LYTT_HOURS_OVERRIDE", "open");
    TestServer node = TestServer.start(env);
    running.add(node);
    return node;
  }
}
