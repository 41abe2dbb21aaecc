package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.lytt.support.Counsellors;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code POST /api/password} on a real node: the counsellor who changes it stays logged in on a new
 * session; every other session of the account ends and its open console is closed; the old
 * password stops working; weak or unchanged passwords and a wrong current one are refused.
 */
@Timeout(60)
class PasswordChangeTest {
  private static final String NEW = "a-much-longer-new-password";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aNewPasswordEndsEveryOtherSessionAndClosesTheOpenConsole() {
    String name = Counsellors.create(server, "pw");
    String bystander = Counsellors.create(server, "pw");
    String laptop = server.login(name, Counsellors.PASSWORD);
    String phone = server.login(name, Counsellors.PASSWORD);
    String bystanderCookie = server.login(bystander, Counsellors.PASSWORD);
    try (RawSocket console = server.consoleSocket(laptop);
         RawSocket other = server.consoleSocket(bystanderCookie)) {
      console.next("welcome");
      other.next("welcome");

      HttpResult changed = change(phone, Counsellors.PASSWORD, NEW);
      assertEquals(204, changed.status(), changed.body());
      String fresh = changed.headers().getAll("Set-Cookie").get(0).split(";", 2)[0];
      assertNotEquals(phone, fresh, "the browser that changed it gets a new session");

      assertEquals(4001, console.awaitClose(), "the console on the other device learns its session ended");
      assertEquals(401, me(laptop).status(), "the other device is logged out");
      assertEquals(401, me(phone).status(), "the session the change was made with is replaced");
      assertEquals(200, me(fresh).status(), "the counsellor who changed it stays logged in");
      assertThrows(RuntimeException.class, () -> server.consoleSocket(laptop));

      assertThrows(IllegalStateException.class, () -> server.login(name, Counsellors.PASSWORD), "old password");
      server.login(name, NEW);

      other.send(new JsonObject().put("type", "duty").put("on", false));
      other.next("duty");
      assertFalse(other.isClosed(), "another counsellor's console is untouched");
      assertEquals(200, me(bystanderCookie).status());
    }
  }

  @Test
  void weakOrUnchangedPasswordsAndAWrongCurrentOneAreRefusedAndChangeNothing() {
    String name = Counsellors.create(server, "pw");
    String cookie = server.login(name, Counsellors.PASSWORD);

    HttpResult tooShort = change(cookie, Counsellors.PASSWORD, "elleve-tegn");
    assertEquals(400, tooShort.status());
    assertEquals("weak_password", tooShort.json().getString("code"));
    assertTrue(tooShort.json().getString("message").contains("12"), tooShort.body());

    HttpResult same = change(cookie, Counsellors.PASSWORD, Counsellors.PASSWORD);
    assertEquals(400, same.status());
    assertEquals("weak_password", same.json().getString("code"));

    HttpResult wrong = change(cookie, "not-the-current-one", NEW);
    assertEquals(401, wrong.status());
    assertEquals("bad_credentials", wrong.json().getString("code"));

    assertEquals(200, me(cookie).status(), "still logged in");
    server.login(name, Counsellors.PASSWORD);
  }

  @Test
  void guessingTheCurrentPasswordThroughASessionIsThrottledLikeALogIn() {
    String name = Counsellors.create(server, "pw");
    String cookie = server.login(name, Counsellors.PASSWORD);
    for (int i = 0; i < 5; i++) {
      assertEquals(401, change(cookie, "guess-" + i, NEW).status());
    }
    HttpResult blocked = change(cookie, Counsellors.PASSWORD, NEW);
    assertEquals(429, blocked.status());
    assertEquals("too_many_attempts", blocked.json().getString("code"));
    assertEquals("60", blocked.headers().get("Retry-After"));
  }

  @Test
  void withoutASessionNothingCanBeChanged() {
    HttpResult r = change(null, Counsellors.PASSWORD, NEW);
    assertEquals(401, r.status());
    assertEquals("unauthorized", r.json().getString("code"));
  }

  private static HttpResult change(String cookie, String current, String next) {
    return server.request(HttpMethod.POST, "/api/password", cookie,
        new JsonObject().put("current", current).put("new", next).encode());
  }

  private static HttpResult me(String cookie) {
    return server.request(HttpMethod.GET, "/api/me", cookie, null);
  }
}
