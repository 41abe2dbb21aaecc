package no.lytt.transfer;

import static no.lytt.support.HandOver.handOver;
import static no.lytt.support.HandOver.refusal;
import static no.lytt.support.HandOver.talk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import no.lytt.accounts.Role;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.HandOver;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handing a running chat to a colleague on one node, with the reference clients and real crypto:
 * the visitor stays in one conversation with a new handshake, the first counsellor's chat ends as
 * handed over, and every refusal leaves the chat with the first counsellor, still working.
 */
class TransferTest {
  private TestServer server;
  private final ChatClients clients = new ChatClients();

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterEach
  void stop() {
    clients.close();
    server.close();
  }

  /** Demo chatting with a visitor; Demo 2 on duty with two free slots. */
  private record Scene(CounsellorClient first, CounsellorClient colleague, VisitorClient visitor, String chatId) {
  }

  private Scene chatWithColleagueOnDuty() {
    CounsellorClient first = clients.demoOnDuty(server, 2);
    CounsellorClient colleague = demo2(2);
    VisitorClient visitor = clients.visitor(server);
    return new Scene(first, colleague, visitor, ChatClients.startChat(first, visitor));
  }

  private CounsellorClient demo2(int capacity) {
    return clients.onDuty(server, "demo2", TestServer.DEMO_PASSWORD, capacity);
  }

  @Test
  void aRunningChatIsHandedToAColleagueAndTheVisitorTalksOnWithThemUnderANewHandshake() {
    Scene scene = chatWithColleagueOnDuty();
    CounsellorClient first = scene.first();
    CounsellorClient colleague = scene.colleague();
    VisitorClient visitor = scene.visitor();
    String chatId = scene.chatId();
    String firstCode = Await.of(first.chat(chatId)).safetyCode();
    talk(visitor, first, chatId, "before");

    JsonArray listed = Await.of(first.colleagues(chatId)).getJsonArray("colleagues");
    assertEquals(1, listed.size(), "only the colleague, not oneself: " + listed);
    JsonObject demo2 = listed.getJsonObject(0);
    assertEquals("demo2", demo2.getString("username"));
    assertEquals("Demo 2", demo2.getString("displayName"));
    assertTrue(demo2.getBoolean("matches"), "a visitor without a preference who writes Norwegian fits Demo 2");
    assertEquals(2, demo2.getInteger("free"));

    HandOver.Result moved = handOver(first, chatId, "demo2", colleague, visitor);
    talk(visitor, colleague, moved.chatId(), "after");
    HandOver.assertEndedBeforeOffer(visitor, chatId, moved.chatId());
    HandOver.assertNothingOfTheOldChat(colleague, chatId);
    assertFalse(firstCode.equals(moved.visitorSide().safetyCode()) && chatId.equals(moved.chatId()));
    assertTrue(Await.of(first.chat(chatId)).ended(), "the first counsellor's part of the conversation is over");
    assertEquals(Set.of(), Set.copyOf(visitor.warnings()));

    Map<String, Long> counted = Await.of(server.lytt().store().counters(LocalDate.now(ZoneId.of("Europe/Oslo"))));
    assertEquals(1L, counted.get("chats.transferred"));
    assertEquals(1L, counted.get("contacts.answered"), "one visitor, one contact");
  }

  @Test
  void refusedHandOversLeaveTheChatWithTheFirstCounsellorAndSayWhy() {
    CounsellorClient first = clients.demoOnDuty(server, 2);
    VisitorClient visitor = clients.visitor(server);
    String chatId = ChatClients.startChat(first, visitor);

    assertEquals("wrong_state", refusal(first.transfer(chatId, "demo")), "not to oneself");
    assertEquals("colleague_unavailable", refusal(first.transfer(chatId, "nobody")), "not to an unknown name");
    assertEquals("colleague_unavailable", refusal(first.transfer(chatId, "demo2")), "not to a colleague off duty");

    CounsellorClient colleague = demo2(1);
    assertEquals("not_found", refusal(colleague.transfer(chatId, "demo")), "not a chat of someone else's");
    Await.of(colleague.duty("break", 1));
    assertEquals("colleague_unavailable", refusal(first.transfer(chatId, "demo2")), "not to a colleague on a break");
    assertEquals(0, Await.of(first.colleagues(chatId)).getJsonArray("colleagues").size());

    Await.of(colleague.duty("on", 1));
    VisitorClient another = clients.visitor(server);
    ChatClients.startChat(colleague, another);
    assertEquals("capacity_reached", refusal(first.transfer(chatId, "demo2")), "not to a colleague without a free slot");
    assertEquals(0, Await.of(first.colleagues(chatId)).getJsonArray("colleagues").size());

    talk(visitor, first, chatId, "still here");
  }

  @Test
  void anOfferNotYetAnsweredCannotBeHandedOver() {
    CounsellorClient first = clients.demoOnDuty(server, 2);
    demo2(2);
    try (RawSocket visitor = server.visitorSocket()) {
      visitor.next("welcome");
      visitor.send(new JsonObject().put("type", "join").put("preference", "none").put("language", "nb"));
      visitor.next("joined");
      String chatId = Await.of(first.accept()).getString("chatId");
      assertEquals("wrong_state", refusal(first.transfer(chatId, "demo2")));
    }
  }

  @Test
  void aColleagueWhoCannotTakeTheVisitorLeavesTheChatWithTheFirstCounsellor() {
    CounsellorClient first = clients.demoOnDuty(server, 2);
    CounsellorClient colleague = demo2(2);
    colleague.answerHandovers(CounsellorClient.HandoverAnswer.DECLINE);
    VisitorClient visitor = clients.visitor(server);
    String chatId = ChatClients.startChat(first, visitor);

    Await.of(first.transfer(chatId, "demo2"));
    JsonObject failed = Await.of(first.frames().next("transfer_failed"));
    assertEquals(chatId, failed.getString("chatId"));
    assertEquals("declined", failed.getString("reason"));
    talk(visitor, first, chatId, "kept");

    colleague.answerHandovers(CounsellorClient.HandoverAnswer.TAKE);
    HandOver.Result moved = handOver(first, chatId, "demo2", colleague, visitor);
    talk(visitor, colleague, moved.chatId(), "then moved");
  }

  /** Waits out the answer time (15 s): the first counsellor learns by the server's own deadline. */
  @Test
  void aHandOverTheColleaguesConsoleNeverAnswersEndsWithTheChatStillWithTheFirstCounsellor() {
    Scene scene = chatWithColleagueOnDuty();
    scene.colleague().answerHandovers(CounsellorClient.HandoverAnswer.IGNORE);
    Await.of(scene.first().transfer(scene.chatId(), "demo2"));
    JsonObject failed = Await.of(scene.first().frames().next("transfer_failed"), 30);
    assertEquals("unanswered", failed.getString("reason"));
    talk(scene.visitor(), scene.first(), scene.chatId(), "kept");
    scene.colleague().answerHandovers(CounsellorClient.HandoverAnswer.TAKE);
    HandOver.Result moved = handOver(scene.first(), scene.chatId(), "demo2", scene.colleague(), scene.visitor());
    talk(scene.visitor(), scene.colleague(), moved.chatId(), "after");
  }

  @Test
  void aVisitorAwayDuringTheHandOverFindsTheColleaguesOfferWhenBack() {
    Scene scene = chatWithColleagueOnDuty();
    CounsellorClient first = scene.first();
    CounsellorClient colleague = scene.colleague();
    VisitorClient visitor = scene.visitor();
    String chatId = scene.chatId();
    talk(visitor, first, chatId, "before");
    Await.of(visitor.disconnect());

    Await.of(first.transfer(chatId, "demo2"));
    assertEquals("transferred", Await.of(first.frames().next("ended")).getString("by"));
    String newChatId = Await.of(colleague.frames().next("accepted")).getString("chatId");

    assertEquals("offered", Await.of(visitor.reconnect()).getString("state"));
    assertEquals(newChatId, Await.of(visitor.chatAfter(chatId)).chatId());
    Await.of(colleague.chat(newChatId));
    talk(visitor, colleague, newChatId, "after");
  }

  @Test
  void theFirstCounsellorsMessageTheVisitorHasNotYetReceivedHoldsTheHandOverUntilItArrives() {
    Scene scene = chatWithColleagueOnDuty();
    CounsellorClient first = scene.first();
    CounsellorClient colleague = scene.colleague();
    VisitorClient visitor = scene.visitor();
    String chatId = scene.chatId();
    Await.of(visitor.disconnect());
    Await.of(first.send(chatId, "written while the visitor was away"));

    Await.of(first.transfer(chatId, "demo2"));
    assertEquals("in_flight", Await.of(first.frames().next("transfer_failed")).getString("reason"),
        "a message the visitor has not received keeps the chat where it is");
    assertTrue(colleague.frames().history().stream().noneMatch(f -> "accepted".equals(f.getString("type"))));

    Await.of(visitor.reconnect());
    assertEquals("written while the visitor was away", Await.of(visitor.nextMessage()).text());
    Await.of(first.frames().next("delivered"));
    HandOver.Result moved = handOver(first, chatId, "demo2", colleague, visitor);
    talk(visitor, colleague, moved.chatId(), "after");
  }
}
