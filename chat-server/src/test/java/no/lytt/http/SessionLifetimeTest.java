package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import no.lytt.hours.MutableClock;
import no.lytt.support.Counsellors;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long a console session lives, on a real node with a {@link MutableClock}: a log-in always
 * gets a new session id and ends the one the browser came with; a session ends after 60 minutes
 * unused and 12 hours after log-in however busy (the defaults of {@code session.idle-minutes} and
 * {@code session.absolute-hours}).
 */
@Timeout(60)
class SessionLifetimeTest {
  private static MutableClock clock;
  private static TestServer server;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2026-11-23T16:00:00Z"), ZoneId.of("Europe/Oslo"));
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_SESSION_CHECK_SECONDS", "1"), clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void loggingInAgainIssuesANewSessionAndEndsTheOldOne() {
    String name = Counsellors.create(server, "session");
    String first = server.login(name, Counsellors.PASSWORD);
    HttpResult again = server.request(HttpMethod.POST, "/api/login", first, credentials(name));
    assertEquals(204, again.status());
    String second = cookie(again);
    assertNotEquals(first, second, "a new id, never the one the browser came with");
    assertEquals(401, me(first).status(), "the old session is over");
    assertEquals(200, me(second).status());
  }

  @Test
  void anOpenConsoleWhoseSessionRunsOutIsClosedAndAnActiveOneIsNot() {
    String idle = Counsellors.create(server, "session");
    String busy = Counsellors.create(server, "session");
    String idleCookie = server.login(idle, Counsellors.PASSWORD);
    String busyCookie = server.login(busy, Counsellors.PASSWORD);
    try (RawSocket left = server.consoleSocket(idleCookie); RawSocket working = server.consoleSocket(busyCookie)) {
      left.next("welcome");
      working.next("welcome");
      clock.advance(Duration.ofMinutes(40));
      assertEquals(200, me(busyCookie).status(), "the busy counsellor's page keeps the session in use");
      clock.advance(Duration.ofMinutes(30));
      // An open socket is not use: the idle console's session ends, and the node closes it.
      assertEquals((short) 4001, left.awaitClose());
      assertEquals(200, me(busyCookie).status());
      assertEquals(false, working.isClosed());
    }
  }

  @Test
  void aSessionIdPlantedBeforeLogInIsNeverAdopted() {
    String name = Counsellors.create(server, "session");
    String planted = "lytt_session=chosen-by-an-attacker-who-had-the-browser-first";
    HttpResult r = server.request(HttpMethod.POST, "/api/login", planted, credentials(name));
    assertEquals(204, r.status());
    assertNotEquals(planted, cookie(r));
    assertEquals(401, me(planted).status(), "the planted id does not become the counsellor's session");
  }

  @Test
  void aSessionLeftUnusedForAnHourEnds() {
    String name = Counsellors.create(server, "session");
    String cookie = server.login(name, Counsellors.PASSWORD);
    clock.advance(Duration.ofMinutes(59));
    assertEquals(200, me(cookie).status());
    clock.advance(Duration.ofMinutes(59));
    assertEquals(200, me(cookie).status(), "each use restarts the hour");
    clock.advance(Duration.ofMinutes(60));
    assertEquals(401, me(cookie).status(), "an hour without use: the console on a shared desk is logged out");
    assertThrows(RuntimeException.class, () -> server.consoleSocket(cookie), "and cannot open a console");
  }

  @Test
  void aBusySessionEndsTwelveHoursAfterLogIn() {
    String name = Counsellors.create(server, "session");
    String cookie = server.login(name, Counsellors.PASSWORD);
    Duration used = Duration.ZERO;
    while (used.plusMinutes(50).compareTo(Duration.ofHours(12)) < 0) {
      clock.advance(Duration.ofMinutes(50));
      used = used.plusMinutes(50);
      assertEquals(200, me(cookie).status(), "in use after " + used);
    }
    clock.advance(Duration.ofHours(12).minus(used));
    assertEquals(401, me(cookie).status(), "twelve hours after log-in, however busy");
    try (RawSocket console = server.consoleSocket(server.login(name, Counsellors.PASSWORD))) {
      console.next("welcome");
    }
  }

  private static HttpResult me(String cookie) {
    return server.request(HttpMethod.GET, "/api/me", cookie, null);
  }

  private static String credentials(String name) {
    return new JsonObject().put("username", name).put("password", Counsellors.PASSWORD).encode();
  }

  private static String cookie(HttpResult r) {
    return r.headers().getAll("Set-Cookie").get(0).split(";", 2)[0];
  }
}
