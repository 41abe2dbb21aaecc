package no.lytt.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import java.util.Map;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A counsellor's shift: a break stops new visitors while the running chat goes on, and off duty
 * waits until no chat is left without its counsellor.
 */
class DutyTest {
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

  @Test
  void aBreakStopsNewVisitorsWhileTheRunningChatGoesOn() {
    CounsellorClient counsellor = clients.demoOnDuty(server, 2);
    VisitorClient talking = clients.visitor(server);
    String chatId = ChatClients.startChat(counsellor, talking);

    assertEquals("break", Await.of(counsellor.duty("break", 2)).getString("status"));
    VisitorClient newcomer = clients.visitor(server);
    assertNull(Await.of(newcomer.join("none", "nb")).getValue("estimatedWaitSeconds"),
        "nobody takes new visitors, so no estimate is promised");
    assertEquals("wrong_state", errorOf(counsellor.accept()));
    Await.of(talking.send("are you still there?"));
    assertEquals("are you still there?", Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, "yes"));
    assertEquals("yes", Await.of(talking.nextMessage()).text());

    Await.of(counsellor.duty("on", 2));
    String second = Await.of(counsellor.accept()).getString("chatId");
    assertEquals(second, Await.of(newcomer.chat()).chatId());
  }

  @Test
  void offDutyWaitsUntilNoChatIsOpen() {
    CounsellorClient counsellor = clients.demoOnDuty(server, 2);
    VisitorClient visitor = clients.visitor(server);
    String chatId = ChatClients.startChat(counsellor, visitor);

    assertEquals("wrong_state", errorOf(counsellor.duty("off", 0)));
    Await.of(counsellor.end(chatId));
    assertEquals("off", Await.of(counsellor.duty("off", 0)).getString("status"));
  }

  @Test
  void anUnknownStatusIsRefusedAndChangesNothing() {
    CounsellorClient counsellor = clients.demoOnDuty(server, 2);
    assertEquals("bad_frame", errorOf(counsellor.duty("lunch", 2)));
    VisitorClient visitor = clients.visitor(server);
    Await.of(visitor.join("none", "nb"));
    Await.of(counsellor.accept());
  }

  private static String errorOf(Future<?> f) {
    return assertThrows(ProtocolError.class, () -> Await.of(f)).code();
  }
}
