package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import no.lytt.accounts.Role;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceKeys;
import no.lytt.crypto.Ed25519;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input on a logged-in counsellor's console socket gets a typed error and the console stays
 * usable; a flood closes that console only, while other counsellors keep working. Each test uses its
 * own counsellor account: one account has one live console, and duty state would leak between tests.
 */
@Timeout(60)
class ConsoleBadInputTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD = "counsellor-password";
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open",
        "LYTT_LIMITS_MESSAGES_PER_SECOND", "5", "LYTT_LIMITS_BURST", "10"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void garbageAndUnknownFramesGetTypedErrorsAndTheConsoleStaysUsable() {
    try (RawSocket console = console(login(server, newCounsellor(server)))) {
      console.send("this is not json");
      assertEquals("bad_json", console.nextError().getString("code"));
      console.send("[\"duty\"]");
      assertEquals("bad_json", console.nextError().getString("code"));
      console.send("{\"type\":\"dance\"}");
      JsonObject unknown = console.nextError();
      assertEquals("unknown_type", unknown.getString("code"));
      assertEquals("dance", unknown.getString("ref"));
      console.send("{\"no\":\"type\"}");
      assertEquals("unknown_type", console.nextError().getString("code"));
      console.send(new JsonObject().put("type", "join").put("preference", "none").put("language", "nb"));
      assertEquals("unknown_type", console.nextError().getString("code"), "a visitor's frame is unknown here");

      console.send(duty(true, 1));
      JsonObject duty = console.next("duty");
      assertEquals(true, duty.getBoolean("on"));
      assertEquals(1, duty.getInteger("capacity"));
    }
  }

  @Test
  void acceptNeedsACertifiedDeviceAndDuty() {
    String cookie = login(server, newCounsellor(server));
    String deviceId = registerDevice(server, cookie);
    try (RawSocket console = console(cookie)) {
      console.send(accept());
      assertEquals("device_not_certified", console.nextError().getString("code"), "hello comes first");
      console.send(hello(deviceId));
      assertEquals(deviceId, console.next("hello").getString("deviceId"));

      console.send(accept());
      JsonObject offDuty = console.nextError();
      assertEquals("wrong_state", offDuty.getString("code"), "off duty: nobody to accept");
      assertEquals("accept", offDuty.getString("ref"));

      console.send(duty(true, 2));
      assertEquals(true, console.next("duty").getBoolean("on"));
      console.send(duty(false, 0));
      assertEquals(false, console.next("duty").getBoolean("on"));
    }
  }

  @Test
  void helloWithADeviceThatIsUnknownOrAnotherCounsellorsIsRefused() {
    String cookie = login(server, newCounsellor(server));
    String mine = registerDevice(server, cookie);
    String someoneElses = registerDevice(server, login(server, newCounsellor(server)));
    try (RawSocket console = console(cookie)) {
      console.send(hello(DeviceKeys.generate(RANDOM).deviceId()));
      assertEquals("device_not_certified", console.nextError().getString("code"), "never registered");
      console.send(hello(someoneElses));
      assertEquals("device_not_certified", console.nextError().getString("code"), "another counsellor's device");
      console.send(new JsonObject().put("type", "hello"));
      assertEquals("bad_frame", console.nextError().getString("code"), "no deviceId at all");

      console.send(hello(mine));
      assertEquals(mine, console.next("hello").getString("deviceId"));
    }
  }

  /** With an organisation key configured, a new device waits for an administrator's certificate. */
  @Test
  void helloWithADeviceStillAwaitingItsCertificateIsRefused() {
    String orgKey = B64u.encode(Ed25519.generate(RANDOM).publicKey());
    try (TestServer pending = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_ORG_PUBLIC_KEY", orgKey))) {
      String cookie = login(pending, newCounsellor(pending));
      JsonObject device = registerDeviceAnswer(pending, cookie);
      assertEquals("pending", device.getString("status"));
      try (RawSocket console = RawSocket.connect(pending.vertx(), pending.port(), "/ws/console", pending.origin(),
          cookie)) {
        console.next("welcome");
        console.send(hello(device.getString("deviceId")));
        assertEquals("device_not_certified", console.nextError().getString("code"));
        console.send(duty(true, 1));
        assertEquals(true, console.next("duty").getBoolean("on"), "the console still works");
      }
    }
  }

  @Test
  void chatFramesForAnotherCounsellorsChatAreNotFoundAndThatChatGoesOn() {
    CounsellorClient owner = new CounsellorClient(server.vertx(), URI.create(server.origin() + "/"), server.origin(),
        DeviceKeys.generate(RANDOM), RANDOM);
    VisitorClient visitor = new VisitorClient(server.vertx(), B64u.decode(server.lytt().organisationPublicKey()),
        Clock.systemUTC());
    try (RawSocket intruder = console(login(server, newCounsellor(server)))) {
      Await.of(owner.login(newCounsellor(server), PASSWORD));
      Await.of(owner.registerDevice());
      Await.of(owner.connect());
      Await.of(owner.hello());
      Await.of(owner.duty(true, 1));
      Await.of(visitor.connect(URI.create("ws://localhost:" + server.port() + "/ws/visitor"), server.origin()));
      Await.of(visitor.join("none", "nb"));
      String chatId = Await.of(owner.accept()).getString("chatId");
      Await.of(visitor.chat());
      Await.of(owner.chat(chatId));

      for (JsonObject frame : List.of(
          new JsonObject().put("type", "msg").put("chatId", chatId).put("seq", 1).put("ct", "AAAAAAAAAAAAAAAAAAAAAA"),
          new JsonObject().put("type", "ack").put("chatId", chatId).put("seq", 1),
          new JsonObject().put("type", "typing").put("chatId", chatId),
          new JsonObject().put("type", "resume").put("chatId", chatId).put("lastSeq", 0),
          new JsonObject().put("type", "end").put("chatId", chatId),
          new JsonObject().put("type", "end").put("chatId", "no-such-chat"))) {
        intruder.send(frame);
        JsonObject error = intruder.nextError();
        assertEquals("not_found", error.getString("code"), frame.getString("type"));
        assertEquals(frame.getString("type"), error.getString("ref"));
        assertEquals(frame.getString("chatId"), error.getString("chatId"), "the error names the chat it concerns");
      }
      assertFalse(intruder.isClosed());

      Await.of(visitor.send("are you there?"));
      assertEquals("are you there?", Await.of(owner.nextMessage(chatId)).text(), "the real chat goes on");
      Await.of(owner.send(chatId, "yes, I am here"));
      assertEquals("yes, I am here", Await.of(visitor.nextMessage()).text());
      assertTrue(visitor.frames().history().stream().noneMatch(f -> "ended".equals(f.getString("type"))),
          "nobody ended the visitor's chat");
      Await.of(owner.end(chatId));
    } finally {
      Await.of(visitor.close());
      Await.of(owner.close());
    }
  }

  @Test
  void dutyWithACapacityOutOfRangeIsABadFrame() {
    try (RawSocket console = server.consoleSocket(login(server, newCounsellor(server)))) {
      int max = console.next("welcome").getInteger("maxCapacity");
      for (Object capacity : new Object[] {0, -1, max + 1, "2", 1.5}) {
        console.send(new JsonObject().put("type", "duty").put("on", true).put("capacity", capacity));
        JsonObject error = console.nextError();
        assertEquals("bad_frame", error.getString("code"), "capacity " + capacity);
        assertEquals("duty", error.getString("ref"));
      }
      console.send(duty(true, max));
      JsonObject duty = console.next("duty");
      assertEquals(true, duty.getBoolean("on"));
      assertEquals(max, duty.getInteger("capacity"), "the largest allowed capacity is accepted");
    }
  }

  @Test
  void aFloodClosesOnlyThatConsoleWith1008() {
    try (RawSocket bystander = console(login(server, newCounsellor(server)));
         RawSocket flooder = console(login(server, newCounsellor(server)))) {
      for (int i = 0; i < 40 && flooder.trySend(duty(true, 1)); i++) {
        // as fast as the socket takes them
      }
      assertEquals(1008, flooder.awaitClose());
      assertTrue(flooder.received().stream().anyMatch(f -> "rate_limited".equals(f.getString("code"))),
          "the flooder was warned before being closed");

      bystander.send(duty(true, 2));
      assertEquals(2, bystander.next("duty").getInteger("capacity"), "another console keeps working");
      assertFalse(bystander.isClosed());
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static RawSocket console(String cookie) {
    RawSocket s = server.consoleSocket(cookie);
    s.next("welcome");
    return s;
  }

  private static String newCounsellor(TestServer on) {
    String username = "console" + ACCOUNTS.incrementAndGet();
    Await.of(on.lytt().accounts().save(username, PASSWORD.toCharArray(), "Counsellor " + username,
        Gender.WOMAN, Set.of(Language.NB, Language.EN), Role.COUNSELLOR));
    return username;
  }

  private static String login(TestServer on, String username) {
    return on.login(username, PASSWORD);
  }

  /** Registers fresh device keys for the logged-in counsellor; development certifies them at once. */
  private static String registerDevice(TestServer on, String cookie) {
    JsonObject device = registerDeviceAnswer(on, cookie);
    assertEquals("certified", device.getString("status"));
    return device.getString("deviceId");
  }

  private static JsonObject registerDeviceAnswer(TestServer on, String cookie) {
    DeviceKeys keys = DeviceKeys.generate(RANDOM);
    TestServer.HttpResult r = on.request(HttpMethod.POST, "/api/devices", cookie, new JsonObject()
        .put("idPub", B64u.encode(keys.idPub())).put("encPub", B64u.encode(keys.encPub())).encode());
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static JsonObject hello(String deviceId) {
    return new JsonObject().put("type", "hello").put("deviceId", deviceId);
  }

  private static JsonObject duty(boolean on, int capacity) {
    JsonObject duty = new JsonObject().put("type", "duty").put("on", on);
    return on ? duty.put("capacity", capacity) : duty;
  }

  /** A well-formed accept (chatId 16 bytes, chat key 32, signature 64) that only state can refuse. */
  private static JsonObject accept() {
    return new JsonObject().put("type", "accept").put("chatId", B64u.encode(bytes(16)))
        .put("chatPub", B64u.encode(bytes(32))).put("chatKeySig", B64u.encode(bytes(64)));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
