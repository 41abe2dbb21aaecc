package no.lytt.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import no.lytt.accounts.Role;
import no.lytt.crypto.B64u;
import no.lytt.client.CallbackDesk;
import no.lytt.client.CallbackVisitor;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RawSocket;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canaries: a whole chat with known message text, a known password, a known address in
 * {@code X-Forwarded-For} and the visitor's resume token — then none of them may be found in
 * anything the server keeps: its log output, every key and value in Redis, Redis's append-only
 * file and snapshots, or any other file it wrote. Likewise for callbacks and tickets: a phone number,
 * a note, a left message, the visitors' codes and the lookup values derived from them.
 */
class PrivacyCanaryTest {
  private static final String TEXT = "kanari-melding-7Q2x9 jeg heter Ola Nordmann";
  private static final String PASSWORD = "kanari-passord-Zr84kLq";
  private static final String ADDRESS = "203.0.113.77";
  private final List<String> logged = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      synchronized (logged) {
        logged.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
            + " " + (r.getThrown() == null ? "" : r.getThrown().toString()));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private RedisServer redis;
  private TestServer node;
  private final ChatClients clients = new ChatClients();

  @BeforeEach
  void start() {
    Logger root = LogManager.getLogManager().getLogger("");
    root.setLevel(java.util.logging.Level.ALL);
    root.addHandler(capture);
    redis = RedisServer.launch("--appendonly", "yes", "--appendfsync", "always");
    // The proxy is trusted, so the node really reads the forwarded address (for its per-source cap).
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open", "LYTT_HTTP_TRUSTED_PROXIES", "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    clients.close();
    node.close();
    redis.close();
    LogManager.getLogManager().getLogger("").removeHandler(capture);
    LogManager.getLogManager().getLogger("").setLevel(java.util.logging.Level.INFO);
  }

  @Test
  void nothingThatSaysWhoSomeoneIsOrWhatTheySaidIsKeptAnywhere() throws Exception {
    Await.of(node.lytt().accounts().save("kari", PASSWORD.toCharArray(), "Kari", Gender.WOMAN,
        Set.of(Language.NB), Role.COUNSELLOR));
    CounsellorClient counsellor = clients.onDuty(node, "kari", PASSWORD, 2);
    // A visitor behind a proxy that names their address; a wrong password attempt too.
    try (RawSocket viaProxy = RawSocket.connect(node.vertx(), node.port(), "/ws/visitor", node.origin(), null,
        Map.of("X-Forwarded-For", ADDRESS))) {
      viaProxy.send(new JsonObject().put("type", "join").put("preference", "none").put("language", "nb"));
      viaProxy.next("joined");
      viaProxy.send(new JsonObject().put("type", "leave"));
      viaProxy.next("left");
    }
    assertEquals(401, node.request(HttpMethod.POST, "/api/login", null,
        new JsonObject().put("username", "kari").put("password", PASSWORD + "x").encode()).status());

    VisitorClient visitor = clients.visitor(node);
    String chatId = ChatClients.startChat(counsellor, visitor);
    String token = visitor.resumeToken();
    Await.of(visitor.send(TEXT));
    assertEquals(TEXT, Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, TEXT + " svar"));
    assertEquals(TEXT + " svar", Await.of(visitor.nextMessage()).text());

    // Mid-chat, while envelopes and the chat are stored: look everywhere.
    List<String> secrets = List.of(TEXT, "Ola Nordmann", PASSWORD, ADDRESS, token);
    assertNoneIn("Redis keys and values", redisContents(), secrets);
    assertNoneIn("log output", String.join("\n", logged), secrets);

    Await.of(visitor.end());
    Await.of(counsellor.frames().next("ended"));
    node.close();
    assertNoneIn("Redis keys and values", redisContents(), secrets);
    assertNoneIn("files Redis wrote", filesUnder(redis.dir()), secrets);
    assertNoneIn("log output", String.join("\n", logged), secrets);
    assertFalse(logged.isEmpty(), "the capture saw the server's log");
  }

  /**
   * A callback with a known phone number and note, a ticket with a known first message, replies,
   * and the visitors' codes (grouped and as typed without spaces) and the lookup values sent for
   * them: none of it may be found in Redis, its files or the log, only ciphertext and hashes.
   */
  @Test
  void callbacksAndTicketsKeepNoPhoneNumberNoteMessageOrCode() throws Exception {
    String phone = "+4798765432";
    String note = "kanari-notat-Hq8 ring etter middag";
    String message = "kanari-billett-Vb3 jeg trenger noen å snakke med";
    CounsellorClient kari = clients.demoOnDuty(node, 1);
    CallbackDesk desk = kari.callbacks();
    java.security.SecureRandom random = new java.security.SecureRandom();
    CallbackVisitor visitor = new CallbackVisitor(node.vertx(), java.net.URI.create(node.origin() + "/"), node.origin(),
        B64u.decode(node.lytt().organisationPublicKey()), java.time.Clock.systemUTC(), random);
    java.time.Instant now = java.time.Instant.now();
    CallbackVisitor.Issued callback = Await.of(visitor.requestCallback(phone, note,
        List.<java.time.Instant[]>of(new java.time.Instant[] {now.plusSeconds(60), now.plusSeconds(3600)}), "none", "nb"));
    JsonObject seen = Await.of(desk.list()).getJsonArray("callbacks").getJsonObject(0);
    assertEquals(phone, desk.open(seen).getString("phone"));
    Await.of(desk.act(callback.id(), "claim"));
    Await.of(desk.reply(seen, TEXT + " svar"));
    String code = callback.code().text();
    assertEquals(TEXT + " svar", CallbackVisitor.readReply(code, Await.of(visitor.status(code.replace(" ", "")))));

    // A ticket is taken while the line is closed: the same store, a node that says closed (its
    // development key is new, so the page keeps pinning the organisation key that certified kari).
    byte[] organisation = B64u.decode(node.lytt().organisationPublicKey());
    Await.of(visitor.close());
    node.close();
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "closed", "LYTT_HTTP_TRUSTED_PROXIES", "127.0.0.1"));
    visitor = new CallbackVisitor(node.vertx(), java.net.URI.create(node.origin() + "/"), node.origin(),
        organisation, java.time.Clock.systemUTC(), random);
    CallbackVisitor.Issued ticket = Await.of(visitor.takeTicket(message));
    Await.of(visitor.status(ticket.code().text()));

    List<String> secrets = List.of(phone, "98765432", note, message, code, code.replace(" ", ""),
        callback.code().lookup(), ticket.code().text(), ticket.code().text().replace(" ", ""), ticket.code().lookup(),
        TEXT);
    assertNoneIn("Redis keys and values", redisContents(), secrets);
    assertNoneIn("log output", String.join("\n", logged), secrets);
    Await.of(visitor.close());
    node.close();
    assertNoneIn("files Redis wrote", filesUnder(redis.dir()), secrets);
    assertNoneIn("log output", String.join("\n", logged), secrets);
  }

  private static void assertNoneIn(String where, String content, List<String> secrets) {
    for (String secret : secrets) {
      assertFalse(content.contains(secret), where + " contains a canary: " + secret.substring(0, 6) + "…");
    }
  }

  /** Every key and its value, whatever its type, as text. */
  private String redisContents() {
    RedisClient admin = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> c = admin.connect()) {
      RedisCommands<String, String> r = c.sync();
      StringBuilder all = new StringBuilder();
      for (String key : r.keys("*")) {
        all.append(key).append(" = ");
        switch (r.type(key)) {
          case "string" -> all.append(r.get(key));
          case "hash" -> all.append(r.hgetall(key));
          case "set" -> all.append(r.smembers(key));
          case "zset" -> all.append(r.zrange(key, 0, -1));
          case "list" -> all.append(r.lrange(key, 0, -1));
          default -> all.append("?");
        }
        all.append('\n');
      }
      assertTrue(all.length() > 0, "Redis holds the chat");
      return all.toString();
    } finally {
      admin.shutdown();
    }
  }

  private static String filesUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      StringBuilder all = new StringBuilder();
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
      assertTrue(all.length() > 0, "Redis wrote its append-only file");
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
