package no.lytt.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import no.lytt.accounts.Role;
import no.lytt.client.ChatSession;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.ReceivedMessage;
import no.lytt.client.VisitorClient;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.relay.AppendResult;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole chats through a real node with the Java reference client: real HPKE, real signatures,
 * real sockets. What a visitor and a counsellor would notice — who gets whom, what arrives, in
 * which order, and that nothing is lost or shown twice across a dropped connection.
 */
class ReferenceClientChatTest {
  private TestServer server;
  private final ChatClients clients = new ChatClients();

  /** A node of its own per test: chats of a closed client live on for the grace period. */
  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterEach
  void stop() {
    clients.close();
    server.close();
  }

  @Test
  void aVisitorAndACounsellorChatBothWaysAndTheEndReachesTheVisitor() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    VisitorClient visitor = visitor();
    JsonObject joined = Await.of(visitor.join("none", "en"));
    assertEquals(1, joined.getInteger("position"));

    String chatId = Await.of(counsellor.accept()).getString("chatId");
    ChatSession visitorSide = Await.of(visitor.chat());
    Await.of(counsellor.chat(chatId));
    assertEquals(chatId, visitorSide.chatId());
    assertEquals(Await.of(counsellor.chat(chatId)).safetyCode(), visitorSide.safetyCode(),
        "both sides show the same safety code");

    Await.of(visitor.send("Hei, jeg vet ikke helt hvor jeg skal begynne."));
    assertEquals("Hei, jeg vet ikke helt hvor jeg skal begynne.", Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, "Det er helt i orden. Ta den tiden du trenger."));
    assertEquals("Det er helt i orden. Ta den tiden du trenger.", Await.of(visitor.nextMessage()).text());
    Await.of(visitor.send("æøå — and emoji 🙂"));
    assertEquals("æøå — and emoji 🙂", Await.of(counsellor.nextMessage(chatId)).text());

    Await.of(counsellor.end(chatId));
    assertTrue(Await.of(visitor.nextMessage()).isEnd(), "the visitor sees the counsellor's end marker");
    Await.of(visitor.frames().next("ended"));
    assertEquals(List.of(), visitor.warnings());
    assertEquals(List.of(), counsellor.warnings());
  }

  /**
   * A console that accepts the instant its queue shows someone can take a visitor before the node
   * has answered their join; the visitor must still hear "joined" first, or a page that does not
   * know it is queued drops the offer.
   */
  @Test
  void aVisitorTakenTheInstantTheyAreQueuedHearsJoinedBeforeTheOffer() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 4);
    counsellor.onQueue(q -> {
      if (!q.getJsonArray("entries").isEmpty()) {
        counsellor.accept();
      }
    });
    for (int i = 0; i < 4; i++) {
      try (RawSocket visitor = server.visitorSocket()) {
        visitor.next("welcome");
        visitor.send(new JsonObject().put("type", "join").put("preference", "none").put("language", "nb"));
        visitor.next("offer");
        List<String> types = visitor.seen().stream().map(f -> f.getString("type")).toList();
        assertTrue(types.indexOf("joined") >= 0 && types.indexOf("joined") < types.indexOf("offer"),
            "joined, then the offer: " + types);
      }
    }
  }

  /**
   * The queue view is state. A console set to listen after going on duty still hears the queue as
   * it stands; after that it is sent a view only when the queue shows something new, not when a
   * colleague going on duty announces the same queue again.
   */
  @Test
  void aConsoleHearsTheQueueAsItStandsAndThenOnlyViewsThatShowSomethingNew() throws Exception {
    VisitorClient first = visitor();
    Await.of(first.join("none", "nb"));
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    BlockingQueue<JsonObject> views = new LinkedBlockingQueue<>();
    counsellor.onQueue(views::add);
    assertEquals(1, views.poll(10, TimeUnit.SECONDS).getInteger("length"));

    Await.of(server.lytt().accounts().save("colleague", "colleague-password".toCharArray(), "Colleague",
        Gender.MAN, Set.of(Language.NB), Role.COUNSELLOR));
    onDuty("colleague", "colleague-password", 1);
    assertEquals(null, views.poll(500, TimeUnit.MILLISECONDS), "the same queue, shown again");

    Await.of(visitor().join("none", "nb"));
    assertEquals(2, views.poll(10, TimeUnit.SECONDS).getInteger("length"));
  }

  /**
   * An offer can be lost on the way, or dropped by a page; with the embedded store no sweeper runs,
   * so the node that made the offer takes it back itself after 30 s.
   */
  @Test
  void anOfferNeverAnsweredIsTakenBackAndTheVisitorKeepsTheirPlace() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 1);
    try (RawSocket visitor = server.visitorSocket()) {
      visitor.next("welcome");
      visitor.send(new JsonObject().put("type", "join").put("preference", "none").put("language", "nb"));
      visitor.next("joined");
      String chatId = Await.of(counsellor.accept()).getString("chatId");
      visitor.next("offer");
      // The visitor's page never answers.
      JsonObject ended = Await.of(counsellor.frames().next("ended"), 45);
      assertEquals(List.of(chatId, "unanswered"), List.of(ended.getString("chatId"), ended.getString("by")));
      assertEquals(1, visitor.next("queue").getInteger("position"), "back in their place");
      assertEquals(chatId.length(), Await.of(counsellor.accept()).getString("chatId").length(),
          "the counsellor's slot is free again, and the visitor can be offered anew");
      visitor.next("offer");
    }
  }

  @Test
  void fiftyCounsellorsRacingForTenVisitorsHandEachVisitorOutExactlyOnce() {
    List<CounsellorClient> racers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String username = "racer" + i;
      Await.of(server.lytt().accounts().save(username, "racer-password".toCharArray(), "Racer " + i,
          i % 2 == 0 ? Gender.WOMAN : Gender.MAN, Set.of(Language.NB, Language.EN), Role.COUNSELLOR));
      racers.add(onDuty(username, "racer-password", 1));
    }
    List<VisitorClient> waiting = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      VisitorClient v = visitor();
      Await.of(v.join("none", "nb"));
      waiting.add(v);
    }

    List<Future<JsonObject>> attempts = racers.stream().map(CounsellorClient::accept).toList();
    Await.of(Future.join(attempts).otherwiseEmpty());

    List<String> chatIds = new ArrayList<>();
    int noMatch = 0;
    for (Future<JsonObject> a : attempts) {
      if (a.succeeded()) {
        chatIds.add(a.result().getString("chatId"));
      } else {
        assertEquals("no_match", ((ProtocolError) a.cause()).code(), a.cause().toString());
        noMatch++;
      }
    }
    assertEquals(10, chatIds.size(), "ten counsellors got a visitor");
    assertEquals(40, noMatch, "forty were told there was nobody left");

    Set<String> offered = new HashSet<>();
    for (VisitorClient v : waiting) {
      ChatSession s = Await.of(v.chat());
      assertTrue(chatIds.contains(s.chatId()));
      assertTrue(offered.add(s.chatId()), "no two visitors share a chat");
      assertEquals(1, v.frames().history().stream().filter(f -> "offer".equals(f.getString("type"))).count(),
          "each visitor was offered exactly once");
    }
    assertEquals(new HashSet<>(chatIds), offered);
  }

  @Test
  void anAcceptThatFoundNobodyKeepsItsUnseenChatKeyForTheNextAcceptWhichStartsAWorkingChat() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    Future<JsonObject> early = counsellor.accept();
    Await.of(early.otherwiseEmpty());
    assertEquals("no_match", ((ProtocolError) early.cause()).code(), "nobody was waiting yet");

    VisitorClient visitor = visitor();
    Await.of(visitor.join("none", "nb"));
    String chatId = Await.of(counsellor.accept()).getString("chatId");
    ChatSession session = Await.of(visitor.chat());
    assertEquals(chatId, session.chatId());
    Await.of(visitor.send("er det noen der?"));
    assertEquals("er det noen der?", Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, "Ja, jeg er her."));
    assertEquals("Ja, jeg er her.", Await.of(visitor.nextMessage()).text());
  }

  @Test
  void aVisitorWhoseConnectionDropsResumesWithNothingLostAndNothingTwice() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    VisitorClient visitor = visitor();
    String chatId = chat(counsellor, visitor);
    Await.of(visitor.send("before the tunnel"));
    assertEquals("before the tunnel", Await.of(counsellor.nextMessage(chatId)).text());

    Await.of(visitor.disconnect());
    for (int i = 1; i <= 3; i++) {
      Await.of(counsellor.send(chatId, "while you were away " + i));
    }
    visitor.send("typed in the tunnel"); // sealed and kept; the socket is gone
    JsonObject resumed = Await.of(visitor.reconnect());
    assertEquals("chatting", resumed.getString("state"));

    for (int i = 1; i <= 3; i++) {
      assertEquals("while you were away " + i, Await.of(visitor.nextMessage()).text());
    }
    assertEquals("typed in the tunnel", Await.of(counsellor.nextMessage(chatId)).text());
    assertNothingRepeats(counsellor, chatId, visitor);
  }

  @Test
  void aMessageTheStoreTookButNobodyRelayedReachesTheConnectedCounsellorWhenTheVisitorResumes() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    VisitorClient visitor = visitor();
    String chatId = chat(counsellor, visitor);
    Await.of(visitor.send("first"));
    assertEquals("first", Await.of(counsellor.nextMessage(chatId)).text());

    // As when the store's answer timed out but its write did not, or the node stopped before
    // relaying: the store holds the message, the counsellor never got it, the visitor never heard.
    Await.of(visitor.disconnect());
    // Once the server has seen the socket go, nothing more can arrive from it.
    Await.of(counsellor.frames().next("peer", f -> "away".equals(f.getString("state"))));
    visitor.send("the one whose answer never came");
    ChatSession.Envelope sealed = visitor.session().unacked().stream()
        .filter(e -> e.seq() == visitor.session().lastSentSeq()).findFirst().orElseThrow();
    assertEquals(AppendResult.ACCEPTED, Await.of(server.lytt().store().append(chatId, Direction.TO_COUNSELLOR,
        new Envelope(sealed.seq(), sealed.ct()), 256)));

    Await.of(visitor.reconnect());
    assertEquals("the one whose answer never came", Await.of(counsellor.nextMessage(chatId)).text(),
        "the counsellor, connected all along, gets it when the visitor comes back");
    assertNothingRepeats(counsellor, chatId, visitor);
  }

  @Test
  void aMessageTheAwayCounsellorsFullBufferRefusedArrivesWhenTheCounsellorIsBack() {
    server.close();
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_LIMITS_UNACKED_ENVELOPES", "3"));
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    VisitorClient visitor = visitor();
    String chatId = chat(counsellor, visitor);

    Await.of(counsellor.disconnect());
    for (int i = 1; i <= 4; i++) {
      visitor.send("message " + i);
    }
    JsonObject refused = Await.of(visitor.frames().next("error", f -> "buffer_full".equals(f.getString("code"))));
    assertEquals(4L, refused.getLong("seq"), "three wait for the counsellor; the fourth finds no room");

    Await.of(counsellor.reconnect());
    for (int i = 1; i <= 4; i++) {
      assertEquals("message " + i, Await.of(counsellor.nextMessage(chatId)).text());
    }
    Await.until(() -> visitor.session().unacked().isEmpty(), "the visitor hearing all four were delivered");
    assertNothingRepeats(counsellor, chatId, visitor);
  }

  @Test
  void aCounsellorWhoseConnectionDropsResumesWithNothingLostAndNothingTwice() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    VisitorClient visitor = visitor();
    String chatId = chat(counsellor, visitor);
    Await.of(counsellor.send(chatId, "hello"));
    assertEquals("hello", Await.of(visitor.nextMessage()).text());

    Await.of(counsellor.disconnect());
    for (int i = 1; i <= 3; i++) {
      Await.of(visitor.send("are you still there? " + i));
    }
    counsellor.send(chatId, "sorry, my connection dropped");
    JsonObject welcome = Await.of(counsellor.reconnect());
    assertEquals(chatId, welcome.getJsonArray("chats").getJsonObject(0).getString("chatId"),
        "the console is told which chats it still holds");

    for (int i = 1; i <= 3; i++) {
      assertEquals("are you still there? " + i, Await.of(counsellor.nextMessage(chatId)).text());
    }
    assertEquals("sorry, my connection dropped", Await.of(visitor.nextMessage()).text());
    assertNothingRepeats(counsellor, chatId, visitor);
  }

  @Test
  void aHandshakeThatCameWhileTheConsoleWasAwayCompletesOnItsReturn() {
    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    VisitorClient visitor = visitor();
    Await.of(visitor.join("none", "nb"));
    String chatId = Await.of(counsellor.accept()).getString("chatId");
    Await.of(counsellor.disconnect());
    ChatClients.chatOf(visitor);
    Await.until(() -> Await.of(server.lytt().store().chat(chatId)).map(c -> c.enc() != null).orElse(false),
        "the visitor's handshake reaching the server");

    Await.of(counsellor.reconnect());
    Await.of(counsellor.chat(chatId));
    Await.of(visitor.send("are you there?"));
    assertEquals("are you there?", Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, "yes, I am here"));
    assertEquals("yes, I am here", Await.of(visitor.nextMessage()).text());
  }

  @Test
  void aVisitorWhoDropsWhileQueuedKeepsTheirPlace() {
    VisitorClient first = visitor();
    VisitorClient second = visitor();
    int firstPosition = Await.of(first.join("none", "nb")).getInteger("position");
    int secondPosition = Await.of(second.join("none", "nb")).getInteger("position");
    assertEquals(firstPosition + 1, secondPosition);

    Await.of(first.disconnect());
    JsonObject resumed = Await.of(first.reconnect());
    assertEquals("queued", resumed.getString("state"));
    assertEquals(firstPosition, resumed.getInteger("position"), "still first of the two");

    CounsellorClient counsellor = onDuty("demo", TestServer.DEMO_PASSWORD, 2);
    String chatId = Await.of(counsellor.accept()).getString("chatId");
    assertEquals(chatId, Await.of(first.chat()).chatId(), "the earlier visitor is served first");
    Await.of(second.leave());
  }

  /** A sentinel each way must be the very next message: no duplicate is waiting ahead of it. */
  private static void assertNothingRepeats(CounsellorClient counsellor, String chatId, VisitorClient visitor) {
    Await.of(visitor.send("sentinel from visitor"));
    Await.of(counsellor.send(chatId, "sentinel from counsellor"));
    assertEquals("sentinel from visitor", Await.of(counsellor.nextMessage(chatId)).text());
    assertEquals("sentinel from counsellor", Await.of(visitor.nextMessage()).text());
    assertFalse(visitor.warnings().stream().anyMatch(w -> w.contains("gap")), visitor.warnings().toString());
    assertFalse(counsellor.warnings().stream().anyMatch(w -> w.contains("gap")), counsellor.warnings().toString());
  }

  private String chat(CounsellorClient counsellor, VisitorClient visitor) {
    return ChatClients.startChat(counsellor, visitor);
  }

  private VisitorClient visitor() {
    return clients.visitor(server);
  }

  private CounsellorClient onDuty(String username, String password, int capacity) {
    return clients.onDuty(server, username, password, capacity);
  }
}
