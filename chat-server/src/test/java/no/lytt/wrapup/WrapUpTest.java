package no.lytt.wrapup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.ReceivedMessage;
import no.lytt.client.ReferralCard;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.Counsellors;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wrap-ups, referral cards and the visitor's optional answers with the reference clients and real
 * crypto: a wrap-up is accepted once per ended chat and only from its counsellor, and every answer
 * becomes one counter and nothing else.
 */
@Timeout(60)
class WrapUpTest {
  private TestServer server;
  private ChatClients clients;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
    clients = new ChatClients();
  }

  @AfterEach
  void stop() {
    clients.close();
    server.close();
  }

  private Map<String, Long> counters() {
    return Await.of(server.lytt().store().counters(LocalDate.now(ZoneId.of("Europe/Oslo"))));
  }

  private HttpResult wrapUp(String cookie, String chatId, String category, String referral) {
    return server.request(HttpMethod.POST, "/api/console/wrapup", cookie, new JsonObject().put("chatId", chatId)
        .put("category", category).put("plissit", "limited-information").put("referral", referral)
        .put("source", "friend").encode());
  }

  private String endedChat(CounsellorClient counsellor) {
    VisitorClient visitor = clients.visitor(server);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(counsellor.end(chatId));
    return chatId;
  }

  @Test
  void aWrapUpIsSavedOnceByTheCounsellorWhoHadTheChatAndCountedUnderItsIds() {
    CounsellorClient demo = clients.demoOnDuty(server, 1);
    String chatId = endedChat(demo);
    String demoSession = server.login("demo", TestServer.DEMO_PASSWORD);
    String other = server.login(Counsellors.create(server, "other"), Counsellors.PASSWORD);

    HttpResult notTheirs = wrapUp(other, chatId, "law", "none");
    assertEquals(403, notTheirs.status());
    assertEquals("forbidden", notTheirs.json().getString("code"));
    HttpResult offList = wrapUp(demoSession, chatId, "no-such-category", "none");
    assertEquals("bad_frame", offList.json().getString("code"), "only ids from the lists are taken");

    assertEquals(204, wrapUp(demoSession, chatId, "law", "none").status());
    HttpResult again = wrapUp(demoSession, chatId, "law", "none");
    assertEquals(409, again.status());
    assertEquals("wrong_state", again.json().getString("code"));
    HttpResult unknown = wrapUp(demoSession, "AAAAAAAAAAAAAAAAAAAAAA", "law", "none");
    assertEquals(404, unknown.status());
    assertEquals("not_found", unknown.json().getString("code"));

    Map<String, Long> counted = counters();
    assertEquals(1L, counted.get("wrapup.saved"));
    assertEquals(1L, counted.get("wrapup.category.law"));
    assertEquals(1L, counted.get("wrapup.plissit.limited-information"));
    assertEquals(1L, counted.get("wrapup.referral.none"));
    assertEquals(1L, counted.get("wrapup.source.friend"));
  }

  @Test
  void aReferralCardTravelsSealedAndArrivesWhole() {
    CounsellorClient demo = clients.demoOnDuty(server, 1);
    VisitorClient visitor = clients.visitor(server);
    String chatId = ChatClients.startChat(demo, visitor);
    ReferralCard card = new ReferralCard("Støttesenteret", "Samtaler for den som vil snakke", "22 00 00 00",
        "https://example.org/");
    Await.of(demo.sendCard(chatId, card));
    ReceivedMessage got = Await.of(visitor.nextMessage());
    assertEquals("card", got.kind());
    assertEquals(card, got.card());
  }

  @Test
  void aMalformedCardIsRefusedAndNeverShown() {
    CounsellorClient demo = clients.demoOnDuty(server, 1);
    VisitorClient visitor = clients.visitor(server);
    String chatId = ChatClients.startChat(demo, visitor);
    Await.of(demo.sendCard(chatId, new ReferralCard("Somewhere", "", "", "http://example.org/")));
    Await.of(demo.send(chatId, "after the card"));
    ReceivedMessage next = Await.of(visitor.nextMessage());
    assertEquals("after the card", next.text(), "the card was not handed on");
    assertTrue(visitor.warnings().stream().anyMatch(w -> w.contains("malformed")), visitor.warnings().toString());
  }

  @Test
  void theVisitorAnswersEachOptionalQuestionOnceAndOnlyWithKnownIds() {
    VisitorClient visitor = clients.visitor(server);
    ProtocolError early = assertThrows(ProtocolError.class, () -> Await.of(visitor.answerSource("friend")));
    assertEquals("wrong_state", early.code(), "a visitor answers after joining");
    Await.of(visitor.join("none", "nb"));
    ProtocolError unknown = assertThrows(ProtocolError.class, () -> Await.of(visitor.answerSource("carrier-pigeon")));
    assertEquals("not_found", unknown.code());
    Await.of(visitor.answerSource("search-engine"));
    ProtocolError twice = assertThrows(ProtocolError.class, () -> Await.of(visitor.answerSource("friend")));
    assertEquals("wrong_state", twice.code());

    ProtocolError strange = assertThrows(ProtocolError.class, () -> Await.of(visitor.answerHelpful("maybe")));
    assertEquals("bad_frame", strange.code());
    Await.of(visitor.answerHelpful("partly"));
    assertEquals("wrong_state", assertThrows(ProtocolError.class, () -> Await.of(visitor.answerHelpful("yes"))).code());

    Map<String, Long> counted = counters();
    assertEquals(1L, counted.get("visitor.source.search-engine"));
    assertEquals(1L, counted.get("visitor.helpful.partly"));
    assertTrue(counted.keySet().stream().noneMatch(k -> k.contains("friend") || k.endsWith(".yes")
        || k.contains("carrier")), "nothing refused was counted: " + counted);
  }
}
