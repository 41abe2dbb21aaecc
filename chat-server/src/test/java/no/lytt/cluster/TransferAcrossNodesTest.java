package no.lytt.cluster;

import static no.lytt.support.HandOver.handOver;
import static no.lytt.support.HandOver.refusal;
import static no.lytt.support.HandOver.talk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.HandOver;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handing a chat to a colleague whose console is on another node, with both nodes on one Redis:
 * the ask crosses to the colleague's node, the swap is one script, and the visitor — on the first
 * counsellor's node — gets the colleague's offer from there.
 */
class TransferAcrossNodesTest {
  private RedisServer redis;
  private TestServer a;
  private TestServer b;
  private final ChatClients clients = new ChatClients();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.launch();
    Path key = Files.createTempDirectory("lytt-shared-").resolve("dev-org.key");
    Map<String, String> env = new HashMap<>(Map.of("LYTT_REDIS_URI", redis.uri(), "LYTT_STORE", "redis",
        "LYTT_HOURS_OVERRIDE", "open", "LYTT_ORG_DEV_KEY_FILE", key.toString()));
    a = TestServer.start(env);
    b = TestServer.start(env);
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    a.close();
    b.close();
    redis.close();
  }

  @Test
  void aChatIsHandedToAColleagueOnTheOtherNodeAndGoesOnThere() {
    CounsellorClient first = clients.demoOnDuty(a, 2);
    CounsellorClient colleague = clients.onDuty(b, "demo2", TestServer.DEMO_PASSWORD, 2);
    VisitorClient visitor = clients.visitor(a);
    String chatId = ChatClients.startChat(first, visitor);
    talk(visitor, first, chatId, "before");

    assertEquals("demo2", Await.of(first.colleagues(chatId)).getJsonArray("colleagues").getJsonObject(0)
        .getString("username"), "a colleague on another node is listed");
    HandOver.Result moved = handOver(first, chatId, "demo2", colleague, visitor);
    talk(visitor, colleague, moved.chatId(), "after");
    HandOver.assertEndedBeforeOffer(visitor, chatId, moved.chatId());
    HandOver.assertNothingOfTheOldChat(colleague, chatId);

    Await.of(visitor.disconnect());
    Await.of(visitor.reconnect(b.visitorUri(), b.origin()));
    talk(visitor, colleague, moved.chatId(), "resumed on the colleague's node");
  }

  @Test
  void aColleagueOnTheOtherNodeWithoutAFreeSlotOrWhoDeclinesLeavesTheChatWhereItIs() {
    CounsellorClient first = clients.demoOnDuty(a, 2);
    CounsellorClient colleague = clients.onDuty(b, "demo2", TestServer.DEMO_PASSWORD, 1);
    VisitorClient visitor = clients.visitor(a);
    String chatId = ChatClients.startChat(first, visitor);

    colleague.answerHandovers(CounsellorClient.HandoverAnswer.DECLINE);
    Await.of(first.transfer(chatId, "demo2"));
    assertEquals("declined", Await.of(first.frames().next("transfer_failed")).getString("reason"));
    assertEquals("not_found", refusal(colleague.transfer(chatId, "demo")), "not the colleague's chat to give");

    ChatClients.startChat(colleague, clients.visitor(b));
    assertEquals("capacity_reached", refusal(first.transfer(chatId, "demo2")));
    talk(visitor, first, chatId, "still with the first counsellor");
  }
}
