package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.stats.Counter;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Redis servers, as production runs them: an ephemeral one without persistence for everything
 * about visitors and chats, and a durable one for accounts, devices, sessions and counters. A chat
 * leaves nothing in the durable one and nothing on disk, and the ephemeral one can start empty
 * without costing a counsellor their account, session or the day's counts.
 */
class DurableRedisTest {
  private RedisServer ephemeral;
  private RedisServer durable;
  private TestServer node;
  private final ChatClients clients = new ChatClients();

  @BeforeEach
  void start() {
    ephemeral = RedisServer.launch();
    durable = RedisServer.launch("--appendonly", "yes", "--appendfsync", "always");
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", ephemeral.uri(),
        "LYTT_REDIS_DURABLE_URI", durable.uri(), "LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterEach
  void stop() {
    clients.close();
    node.close();
    ephemeral.close();
    durable.close();
  }

  @Test
  void aChatLeavesNothingInTheDurableRedisAndNothingOnDisk() {
    CounsellorClient counsellor = clients.demoOnDuty(node, 2);
    VisitorClient visitor = clients.visitor(node);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(visitor.send("hello"));
    assertEquals("hello", Await.of(counsellor.nextMessage(chatId)).text());

    List<String> durableKeys = keys(durable);
    assertTrue(durableKeys.stream().anyMatch(k -> k.startsWith("lytt:account:")), "accounts are durable");
    assertTrue(durableKeys.stream().anyMatch(k -> k.startsWith("lytt:session:")), "sessions are durable");
    for (String key : durableKeys) {
      assertTrue(key.matches("lytt:(devices|accounts|\\{lytt\\}:items|(account|invitation|session|device|stats|login|list|\\{login-failures\\}|\\{lytt\\}:item|\\{lytt\\}:item-lookup):.*)"), "not durable: " + key);
    }
    assertTrue(keys(ephemeral).stream().anyMatch(k -> k.contains(chatId)), "the chat is in the ephemeral Redis");
    assertTrue(keys(ephemeral).stream().noneMatch(k -> k.startsWith("lytt:account:") || k.startsWith("lytt:session:")));

    Await.of(visitor.end());
    Await.of(counsellor.frames().next("ended"));
    assertTrue(keys(durable).stream().anyMatch(k -> k.startsWith("lytt:list:")), "the lists are durable");
    assertTrue(keys(durable).stream().noneMatch(k -> k.contains(chatId)), "an ended chat is remembered ephemerally");
    assertEquals(List.of(), files(ephemeral.dir()), "the ephemeral Redis wrote nothing to disk");
  }

  @Test
  void theEphemeralRedisStartingEmptyCostsNoAccountSessionOrCount() {
    String cookie = node.login("demo", TestServer.DEMO_PASSWORD);
    CounsellorClient counsellor = clients.demoOnDuty(node, 2);
    ChatClients.startChat(counsellor, clients.visitor(node));
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
    long answered = answeredOn(today);
    assertTrue(answered >= 1);

    ephemeral.kill();
    ephemeral.start();
    Await.until(() -> node.request(HttpMethod.GET, "/ready", null, null).status() == 200, "recovery");

    assertEquals(200, node.request(HttpMethod.GET, "/api/me", cookie, null).status(), "still logged in");
    assertEquals(answered, answeredOn(today), "today's counts kept");
    node.login("demo", TestServer.DEMO_PASSWORD);
  }

  @Test
  void aProductionNodeRefusesADurableRedisWithoutAnAppendOnlyFile() {
    RedisServer noDisk = RedisServer.launch();
    try {
      IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", ephemeral.uri(),
              "LYTT_REDIS_DURABLE_URI", noDisk.uri(), "LYTT_MODE", "production",
              "LYTT_ORG_PUBLIC_KEY", no.lytt.crypto.OrgKey.generate(new java.security.SecureRandom()).publicKeyB64u(),
              "LYTT_ARGON2_MEMORY_KIB", "19456", "LYTT_ARGON2_ITERATIONS", "2", "LYTT_ARGON2_PARALLELISM", "1")));
      assertTrue(refused.getMessage().contains("appendonly yes"), refused.getMessage());
    } finally {
      noDisk.close();
    }
  }

  private long answeredOn(LocalDate day) {
    return Await.of(node.lytt().store().counters(day)).getOrDefault(Counter.CONTACTS_ANSWERED.key(), 0L);
  }

  private static List<String> keys(RedisServer server) {
    RedisClient admin = RedisClient.create(server.uri());
    try (StatefulRedisConnection<String, String> c = admin.connect()) {
      return c.sync().keys("*");
    } finally {
      admin.shutdown();
    }
  }

  private static List<String> files(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(name -> !name.endsWith(".log")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
