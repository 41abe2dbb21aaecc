package no.lytt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import no.lytt.crypto.CryptoException;
import no.lytt.crypto.DeviceKeys;
import no.lytt.crypto.OrgKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Visitor and counsellor clients through {@link FakeRelay}: real crypto end to end. */
@Timeout(30)
class ClientTest {
  private static final long NOW = 1_800_000_000L;
  private final SecureRandom random = new SecureRandom();
  private final OrgKey org = OrgKey.generate(random);
  private Vertx vertx;
  private FakeRelay relay;
  private String origin;
  private VisitorClient visitor;
  private CounsellorClient counsellor;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    relay = new FakeRelay(org, NOW);
    int port = await(relay.start(vertx));
    origin = "http://localhost:" + port;
    visitor = new VisitorClient(vertx, org.publicKey(),
        Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    counsellor = new CounsellorClient(vertx, URI.create(origin + "/"), origin,
        DeviceKeys.generate(random), random);
  }

  @AfterEach
  void stop() throws Exception {
    // One at a time from the test thread: closing Vert.x from one of its own callbacks would
    // wait for the very event loop that runs the callback.
    await(visitor.close());
    await(counsellor.close());
    await(relay.stop());
    await(vertx.close());
  }

  @Test
  void chatBothWaysWithAcknowledgementsAndTheSameSafetyCode() throws Exception {
    String chatId = startChat();
    ChatSession v = await(visitor.chat());
    ChatSession c = await(counsellor.chat(chatId));
    assertEquals(v.safetyCode(), c.safetyCode());

    assertEquals(1L, await(visitor.send("Hei, jeg lurer på noe")));
    ReceivedMessage m = await(counsellor.nextMessage(chatId));
    assertEquals("Hei, jeg lurer på noe", m.text());
    assertEquals(1, m.seq());
    assertEquals(1L, await(visitor.frames().next("delivered")).getLong("seq"));
    await(counsellor.send(chatId, "Hei! Fortell."));
    assertEquals("Hei! Fortell.", await(visitor.nextMessage()).text());

    await(visitor.end());
    assertTrue(await(counsellor.nextMessage(chatId)).isEnd());
    for (JsonObject f : relay.fromVisitor) {
      assertFalse(f.encode().contains("lurer"), "the relay never sees plaintext");
    }
    assertTrue(relay.origins.stream().allMatch(origin::equals), relay.origins.toString());
    assertEquals(0, visitor.warnings().size(), visitor.warnings().toString());
    assertEquals(0, counsellor.warnings().size(), counsellor.warnings().toString());
  }

  @Test
  void visitorResumesAfterADropWithoutLossOrDuplicates() throws Exception {
    String chatId = startChat();
    await(visitor.send("før"));
    assertEquals("før", await(counsellor.nextMessage(chatId)).text());
    await(visitor.disconnect());
    assertThrows(ExecutionException.class, () -> await(visitor.send("mens borte")));
    await(counsellor.send(chatId, "er du der?"));
    JsonObject resumed = await(visitor.reconnect());
    assertEquals("chatting", resumed.getString("state"));
    assertEquals("er du der?", await(visitor.nextMessage()).text());
    ReceivedMessage resent = await(counsellor.nextMessage(chatId));
    assertEquals("mens borte", resent.text());
    assertEquals(2, resent.seq());
    await(visitor.send("etter"));
    assertEquals("etter", await(counsellor.nextMessage(chatId)).text());
    assertEquals(0, counsellor.warnings().size(), counsellor.warnings().toString());
  }

  @Test
  void aReconnectThatCouldNotConnectLeavesTheNextOneWorking() throws Exception {
    String chatId = startChat();
    await(visitor.disconnect());
    URI visitorUri = URI.create(origin.replace("http", "ws") + "/ws/visitor");
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    // The node is still starting: the first attempt is refused, the second one must resume.
    assertThrows(ExecutionException.class, () -> await(visitor.reconnect(
        URI.create("ws://127.0.0.1:" + closedPort + "/ws/visitor"), origin)));
    assertEquals("chatting", await(visitor.reconnect(visitorUri, origin)).getString("state"));
    await(counsellor.send(chatId, "velkommen tilbake"));
    assertEquals("velkommen tilbake", await(visitor.nextMessage()).text());
  }

  @Test
  void counsellorResumesItsChats() throws Exception {
    String chatId = startChat();
    await(counsellor.disconnect());
    await(visitor.send("hallo?"));
    JsonObject welcome = await(counsellor.reconnect());
    assertEquals(chatId, welcome.getJsonArray("chats").getJsonObject(0).getString("chatId"));
    assertEquals("hallo?", await(counsellor.nextMessage(chatId)).text());
  }

  @Test
  void offerFromAnUncertifiedKeyIsRejectedAndNothingIsSent() throws Exception {
    VisitorClient pinnedElsewhere = new VisitorClient(vertx, OrgKey.generate(random).publicKey(),
        Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    try {
      await(counsellor.login("kari", "pw"));
      await(counsellor.registerDevice());
      await(counsellor.connect());
      await(counsellor.duty(true, 2));
      await(pinnedElsewhere.connect(URI.create(origin.replace("http", "ws") + "/ws/visitor"),
          origin));
      await(pinnedElsewhere.join("none", "nb"));
      await(counsellor.accept());
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> await(pinnedElsewhere.chat()));
      assertEquals("bad_certificate", ((CryptoException) e.getCause()).code());
      JsonObject reject = await(relay.visitorFrames.next(f -> "reject".equals(f.getString("type"))));
      assertEquals("bad_certificate", reject.getString("reason"));
      assertTrue(relay.fromVisitor.stream().noneMatch(f -> "handshake".equals(f.getString("type"))));
    } finally {
      await(pinnedElsewhere.close());
    }
  }

  @Test
  void noOriginHeaderWhenNoneIsGiven() throws Exception {
    await(visitor.connect(URI.create(origin.replace("http", "ws") + "/ws/visitor"), null));
    assertEquals("null", relay.origins.get(0));
  }

  private String startChat() throws Exception {
    await(counsellor.login("kari", "pw"));
    await(counsellor.registerDevice());
    assertNotNull(counsellor.certificate());
    await(counsellor.connect());
    await(counsellor.hello());
    await(counsellor.duty(true, 2));
    await(visitor.connect(URI.create(origin.replace("http", "ws") + "/ws/visitor"), origin));
    assertEquals("tok", await(visitor.join("none", "nb")).getString("resumeToken"));
    String chatId = await(counsellor.accept()).getString("chatId");
    await(visitor.chat());
    await(counsellor.chat(chatId));
    return chatId;
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
