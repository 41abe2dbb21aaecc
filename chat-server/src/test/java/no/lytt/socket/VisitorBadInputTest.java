package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input on the visitor socket gets a typed error and the connection stays usable; abuse closes
 * that connection only, with the proper close code, while everyone else keeps their place.
 */
@Timeout(60)
class VisitorBadInputTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_LIMITS_FRAME_BYTES", "2048",
        "LYTT_LIMITS_MESSAGES_PER_SECOND", "5", "LYTT_LIMITS_BURST", "10"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private RawSocket visitor() {
    RawSocket s = server.visitorSocket();
    s.next("welcome");
    return s;
  }

  private static JsonObject join() {
    return new JsonObject().put("type", "join").put("preference", "none").put("language", "nb");
  }

  @Test
  void garbageJsonUnknownTypesAndBadFieldsGetTypedErrorsAndTheSocketStaysUsable() {
    try (RawSocket s = visitor()) {
      s.send("this is not json");
      assertEquals("bad_json", s.nextError().getString("code"));
      s.send("[1,2,3]");
      assertEquals("bad_json", s.nextError().getString("code"));
      s.send("{\"type\":\"dance\"}");
      JsonObject unknown = s.nextError();
      assertEquals("unknown_type", unknown.getString("code"));
      assertEquals("dance", unknown.getString("ref"));
      s.send("{\"no\":\"type\"}");
      assertEquals("unknown_type", s.nextError().getString("code"));
      s.send(join().put("preference", "robot"));
      assertEquals("bad_frame", s.nextError().getString("code"));
      s.send(join().put("language", 7));
      assertEquals("bad_frame", s.nextError().getString("code"));
      s.send(join());
      assertTrue(s.next("joined").getInteger("position") >= 1, "joined with a queue position");
    }
  }

  @Test
  void framesInTheWrongStateAreRefused() {
    try (RawSocket s = visitor()) {
      s.send(new JsonObject().put("type", "leave"));
      assertEquals("wrong_state", s.nextError().getString("code"));
      s.send(new JsonObject().put("type", "msg").put("chatId", "x").put("seq", 1).put("ct", "AAAA"));
      assertEquals("wrong_state", s.nextError().getString("code"));
      s.send(join());
      s.next("joined");
      s.send(join());
      assertEquals("wrong_state", s.nextError().getString("code"));
      s.send(new JsonObject().put("type", "msg").put("chatId", "not-mine").put("seq", 1).put("ct", "AAAA"));
      assertEquals("not_found", s.nextError().getString("code"));
      s.send(new JsonObject().put("type", "resume").put("token", "x").put("lastSeq", 0));
      assertEquals("wrong_state", s.nextError().getString("code"));
      s.send(new JsonObject().put("type", "leave"));
      s.next("left");
    }
  }

  @Test
  void anUnknownResumeTokenIsNotFound() {
    try (RawSocket s = visitor()) {
      s.send(new JsonObject().put("type", "resume").put("token", "AAAAAAAAAAAAAAAAAAAAAA").put("lastSeq", 0));
      assertEquals("not_found", s.nextError().getString("code"));
    }
  }

  @Test
  void anOversizedFrameClosesOnlyThatConnectionWith1009() {
    try (RawSocket bystander = visitor(); RawSocket s = visitor()) {
      bystander.send(join());
      int position = bystander.next("joined").getInteger("position");
      s.send("{\"type\":\"join\",\"pad\":\"" + "x".repeat(4096) + "\"}");
      assertEquals(1009, s.awaitClose());
      bystander.send(new JsonObject().put("type", "leave"));
      bystander.next("left");
      assertFalse(bystander.isClosed());
      assertEquals(1, position);
    }
  }

  @Test
  void aBinaryFrameClosesWith1003() {
    try (RawSocket s = visitor()) {
      s.sendBinary(new byte[] {1, 2, 3});
      assertEquals(1003, s.awaitClose());
    }
  }

  @Test
  void aFloodIsFirstWarnedThenClosedWith1008WhileOthersKeepTheirPlace() {
    try (RawSocket queued = visitor(); RawSocket flooder = visitor()) {
      queued.send(join());
      queued.next("joined");
      for (int i = 0; i < 40 && !flooder.isClosed(); i++) {
        flooder.send("{\"type\":\"typing\"}");
      }
      assertEquals(1008, flooder.awaitClose());
      assertTrue(flooder.received().stream().anyMatch(f -> "rate_limited".equals(f.getString("code"))),
          "the flooder was warned before being closed");
      queued.send(new JsonObject().put("type", "leave"));
      queued.next("left");
    }
  }

  @Test
  void moreThanTenGarbageFramesCloseWith1008() {
    try (RawSocket s = visitor()) {
      for (int i = 0; i < 11; i++) {
        s.send("garbage " + i);
        sleepQuietly(250);
      }
      assertEquals(1008, s.awaitClose());
    }
  }

  @Test
  void aForeignOriginIsRefusedBeforeTheUpgrade() {
    assertThrows(RuntimeException.class,
        () -> RawSocket.connect(server.vertx(), server.port(), "/ws/visitor", "https://evil.example", null));
    assertThrows(RuntimeException.class,
        () -> RawSocket.connect(server.vertx(), server.port(), "/ws/visitor", null, null));
  }

  @Test
  void theConsoleSocketNeedsASession() {
    assertThrows(RuntimeException.class,
        () -> RawSocket.connect(server.vertx(), server.port(), "/ws/console", server.origin(), null));
    assertThrows(RuntimeException.class,
        () -> RawSocket.connect(server.vertx(), server.port(), "/ws/console", server.origin(), "lytt_session=forged"));
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
