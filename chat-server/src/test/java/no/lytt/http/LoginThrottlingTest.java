package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.lytt.hours.MutableClock;
import no.lytt.support.Counsellors;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Password guessing against a real node, as the counsellor and the guesser each see it: a name is
 * blocked for a while after a few wrong passwords, the wait doubles up to fifteen minutes, the right
 * password works as soon as a block ends, unknown names look exactly like real ones, and guessing
 * one name never keeps another counsellor out. Time is a {@link MutableClock}: nobody sleeps.
 */
@Timeout(120)
class LoginThrottlingTest {
  private static final String RIGHT = Counsellors.PASSWORD;
  private static MutableClock clock;
  private static TestServer server;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"), ZoneId.of("Europe/Oslo"));
    // The service-wide spray delay is tested on its own node below; here it would only slow the tests.
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_LOGIN_SPRAY_MAX_DELAY_SECONDS", "0"), clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void afterFiveWrongPasswordsTheNameWaitsAMinuteAndThenTheRightPasswordWorks() {
    String name = Counsellors.create(server, "throttle");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, login(server, name, "wrong-" + i).status(), "attempt " + (i + 1) + " is checked");
    }
    HttpResult blocked = login(server, name, RIGHT);
    assertEquals(429, blocked.status(), "even the right password waits: the block must not reveal it");
    assertEquals("too_many_attempts", blocked.json().getString("code"));
    assertEquals("60", blocked.headers().get("Retry-After"));
    assertEquals(60, blocked.json().getInteger("retryAfterSeconds"));
    assertEquals("Too many attempts. Try again in 1 minute.", blocked.json().getString("message"));
    assertTrue(blocked.headers().getAll("Set-Cookie").isEmpty());

    clock.advance(Duration.ofSeconds(59));
    assertEquals("1", login(server, name, RIGHT).headers().get("Retry-After"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(204, login(server, name, RIGHT).status(), "the block is over: the counsellor gets in");

    for (int i = 0; i < 4; i++) {
      assertEquals(401, login(server, name, "typo-" + i).status(), "a success gives the free attempts back");
    }
  }

  @Test
  void eachFurtherWrongPasswordDoublesTheWaitUpToFifteenMinutes() {
    String name = Counsellors.create(server, "throttle");
    for (int i = 0; i < 5; i++) {
      login(server, name, "wrong-" + i);
    }
    for (long wait : new long[] {60, 120, 240, 480, 900, 900}) {
      HttpResult blocked = login(server, name, "guess");
      assertEquals(429, blocked.status());
      assertEquals(Long.toString(wait), blocked.headers().get("Retry-After"));
      clock.advance(Duration.ofSeconds(wait));
      assertEquals(401, login(server, name, "guess").status(), "checked again once the block is over");
    }
    assertEquals("900", login(server, name, RIGHT).headers().get("Retry-After"), "never longer than 15 minutes");
    clock.advance(Duration.ofMinutes(15));
    assertEquals(204, login(server, name, RIGHT).status());
  }

  @Test
  void anUnknownNameIsAnsweredExactlyLikeAKnownOne() {
    String known = Counsellors.create(server, "throttle");
    String unknown = "nobody-" + known;
    for (int i = 0; i < 8; i++) {
      HttpResult k = login(server, known, "wrong-" + i);
      HttpResult u = login(server, unknown, "wrong-" + i);
      assertEquals(k.status(), u.status(), "attempt " + (i + 1));
      assertEquals(k.json().getString("code"), u.json().getString("code"));
      assertEquals(k.json().getString("message"), u.json().getString("message"));
      assertEquals(k.headers().get("Retry-After"), u.headers().get("Retry-After"));
    }
    assertEquals(429, login(server, unknown, "again").status(), "unknown names are blocked too");
  }

  @Test
  void aParallelFloodAgainstOneNameGetsFiveGuessesAndKeepsNoOtherCounsellorOut() throws Exception {
    String victim = Counsellors.create(server, "throttle");
    String colleague = Counsellors.create(server, "throttle");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        String guess = "guess-" + i;
        statuses.add(pool.submit(() -> login(server, victim, guess).status()));
      }
      int checked = 0;
      for (Future<Integer> s : statuses) {
        int status = s.get();
        assertTrue(status == 401 || status == 429, "only wrong or throttled: " + status);
        checked += status == 401 ? 1 : 0;
      }
      assertEquals(5, checked, "however many arrive at once, five passwords were checked");
    } finally {
      pool.shutdown();
    }
    assertEquals(204, login(server, colleague, RIGHT).status(), "a colleague logs in as usual");
    assertEquals(429, login(server, victim, RIGHT).status(), "the victim waits out the block");
  }

  @Test
  void passwordSprayingSlowsLogInsButNeverRefusesThem() {
    Map<String, String> config = Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_LOGIN_SPRAY_FAILURES", "2",
        "LYTT_LOGIN_SPRAY_MAX_DELAY_SECONDS", "1");
    try (TestServer node = TestServer.start(config, clock)) {
      String counsellor = Counsellors.create(node, "spray");
      for (int i = 0; i < 5; i++) {
        HttpResult r = login(node, "sprayed-name-" + i, "Sommer2026!");
        assertEquals(401, r.status(), "one try per name stays under every per-name limit");
        assertNull(r.headers().get("Retry-After"));
      }
      assertEquals(204, login(node, counsellor, RIGHT).status(), "during the spray a counsellor still gets in");
      assertEquals(401, login(node, counsellor, "a-typo").status(), "and a typo is an ordinary wrong password");
    }
  }

  private static HttpResult login(TestServer node, String username, String password) {
    return node.request(HttpMethod.POST, "/api/login", null,
        new JsonObject().put("username", username).put("password", password).encode());
  }
}
