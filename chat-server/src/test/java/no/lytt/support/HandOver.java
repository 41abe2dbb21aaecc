package no.lytt.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import no.lytt.client.ChatSession;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.VisitorClient;

/**
 * A running chat handed from one counsellor to a colleague, as both consoles and the visitor see
 * it; shared by the tests on one node and across two.
 */
public final class HandOver {
  private HandOver() {
  }

  /** The new chat after {@code first} handed {@code chatId} to {@code colleague}. */
  public record Result(String chatId, ChatSession visitorSide, ChatSession colleagueSide) {
  }

  /** {@code first} asks; the colleague's console takes; the visitor answers the new offer. */
  public static Result handOver(CounsellorClient first, String chatId, String colleague,
                                CounsellorClient colleagueConsole, VisitorClient visitor) {
    JsonObject asked = Await.of(first.transfer(chatId, colleague));
    assertEquals(colleague, asked.getString("to"));
    JsonObject ended = Await.of(first.frames().next("ended", f -> chatId.equals(f.getString("chatId"))));
    assertEquals("transferred", ended.getString("by"), "the first counsellor's chat ends as handed over");
    assertEquals(asked.getString("displayName"), ended.getString("to"));
    JsonObject accepted = Await.of(colleagueConsole.frames().next("accepted", f -> f.getBoolean("transferred", false)));
    String newChatId = accepted.getString("chatId");
    assertNotEquals(chatId, newChatId, "a new chat, not the old one moved");
    ChatSession visitorSide = Await.of(visitor.chatAfter(chatId));
    ChatSession colleagueSide = Await.of(colleagueConsole.chat(newChatId));
    assertEquals(newChatId, visitorSide.chatId());
    assertEquals(colleagueSide.safetyCode(), visitorSide.safetyCode(), "both show the new safety code");
    return new Result(newChatId, visitorSide, colleagueSide);
  }

  /** One message each way, read on the other side. */
  public static void talk(VisitorClient visitor, CounsellorClient counsellor, String chatId, String tag) {
    Await.of(visitor.send("visitor " + tag));
    assertEquals("visitor " + tag, Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, "counsellor " + tag));
    assertEquals("counsellor " + tag, Await.of(visitor.nextMessage()).text());
  }

  /** What the visitor received: the old chat ends before the colleague's offer arrives. */
  public static void assertEndedBeforeOffer(VisitorClient visitor, String oldChatId, String newChatId) {
    List<JsonObject> seen = visitor.frames().history();
    int ended = indexOf(seen, "ended", oldChatId);
    int offer = indexOf(seen, "offer", newChatId);
    assertTrue(ended >= 0 && offer > ended, "ended, then the new offer: " + seen.stream().map(f -> f.getString("type")).toList());
    assertEquals("transferred", seen.get(ended).getString("by"));
  }

  /** Nothing of the first part of the conversation reached the colleague's console. */
  public static void assertNothingOfTheOldChat(CounsellorClient colleague, String oldChatId) {
    assertTrue(colleague.frames().history().stream()
        .noneMatch(f -> oldChatId.equals(f.getString("chatId"))), "no frame of the old chat reached the colleague");
    assertEquals(List.of(), colleague.warnings());
  }

  /** The typed error a refused request failed with. */
  public static String refusal(io.vertx.core.Future<?> request) {
    try {
      Await.of(request);
    } catch (AssertionError | RuntimeException e) {
      Throwable cause = e;
      while (cause != null && !(cause instanceof ProtocolError)) {
        cause = cause.getCause();
      }
      if (cause instanceof ProtocolError pe) {
        return pe.code();
      }
      throw e;
    }
    throw new AssertionError("expected a refusal");
  }

  private static int indexOf(List<JsonObject> frames, String type, String chatId) {
    for (int i = 0; i < frames.size(); i++) {
      if (type.equals(frames.get(i).getString("type")) && chatId.equals(frames.get(i).getString("chatId"))) {
        return i;
      }
    }
    return -1;
  }
}
