package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import no.lytt.accounts.Role;
import no.lytt.accounts.TotpCodes;
import no.lytt.crypto.OrgKey;
import no.lytt.hours.MutableClock;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An invitation on a production node, end to end: the administrator invites, the invitee chooses a
 * password and enrols the second factor, a wrong code changes nothing, one right code makes the
 * account usable and uses the invitation up, and the first log-in needs a fresh code. Used,
 * expired, replaced and forged links are refused in exactly the same words. Time is moved, not
 * waited for.
 */
@Timeout(60)
class InvitationFlowTest {
  private static final String ADMIN_PASSWORD = "the administrator's long password";
  private static final String PASSWORD = "kari's own long password";
  private final MutableClock clock = new MutableClock(Instant.now(), ZoneOffset.UTC);
  private TestServer server;
  private String admin;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("LYTT_MODE", "production", "LYTT_ARGON2_MEMORY_KIB", "19456",
        "LYTT_ARGON2_ITERATIONS", "2",
        "LYTT_ORG_PUBLIC_KEY", OrgKey.generate(new SecureRandom()).publicKeyB64u()), clock);
    Await.of(server.lytt().accounts().save("ingrid", ADMIN_PASSWORD.toCharArray(), "Ingrid", Gender.WOMAN,
        java.util.Set.of(Language.NB), Role.ADMIN));
    byte[] secret = Base32.decode(Await.of(server.lytt().accounts().enrolSecondFactor("ingrid", new SecureRandom())));
    admin = cookie(login("ingrid", ADMIN_PASSWORD, TotpCodes.now(secret, clock.instant())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anInviteeSetsAPasswordEnrolsConfirmsAndLogsInWithAFreshCode() {
    String token = token(invite("kari"));
    HttpResult shown = post("/api/invitation", new JsonObject().put("token", token));
    assertEquals(new JsonObject().put("username", "kari").put("displayName", "Kari"), shown.json());
    assertEquals("bad_credentials", login("kari", PASSWORD, "").json().getString("code"), "no password yet");

    assertEquals("weak_password", post("/api/invitation/password", new JsonObject().put("token", token)
        .put("password", "too short")).json().getString("code"));
    HttpResult first = post("/api/invitation/password", new JsonObject().put("token", token).put("password", PASSWORD));
    assertEquals(200, first.status(), first.body());
    assertTrue(first.json().getString("otpauth").startsWith("otpauth://totp/Lytt:kari?secret="), first.body());
    HttpResult wrong = post("/api/invitation/confirm", new JsonObject().put("token", token)
        .put("code", otherThan(code(first))));
    assertEquals("bad_credentials", wrong.json().getString("code"));

    // A mistyped enrolment is started over: a new secret, and the old one is worth nothing.
    HttpResult again = post("/api/invitation/password", new JsonObject().put("token", token).put("password", PASSWORD));
    assertFalse(again.json().getString("secret").equals(first.json().getString("secret")));
    assertEquals(401, login("kari", PASSWORD, code(again)).status(), "not usable before the code is confirmed");
    HttpResult confirmed = post("/api/invitation/confirm", new JsonObject().put("token", token).put("code", code(again)));
    assertEquals(204, confirmed.status(), confirmed.body());
    assertEquals(404, post("/api/invitation", new JsonObject().put("token", token)).status(), "used up");

    assertEquals(401, login("kari", PASSWORD, code(again)).status(), "the code confirmed with works once");
    clock.advance(Duration.ofSeconds(30));
    HttpResult in = login("kari", PASSWORD, code(again));
    assertEquals(204, in.status(), in.body());
    HttpResult me = server.request(HttpMethod.GET, "/api/me", cookie(in), null);
    assertEquals("counsellor", me.json().getString("role"));
    JsonObject listed = server.request(HttpMethod.GET, "/api/admin/accounts", admin, null).json()
        .getJsonArray("accounts").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("username").equals("kari")).findFirst().orElseThrow();
    assertTrue(listed.getBoolean("password") && listed.getBoolean("secondFactor"), listed.encode());
  }

  @Test
  void usedExpiredReplacedAndForgedLinksAreRefusedAlike() {
    String used = token(invite("used"));
    HttpResult enrolled = post("/api/invitation/password", new JsonObject().put("token", used).put("password", PASSWORD));
    assertEquals(204, post("/api/invitation/confirm", new JsonObject().put("token", used).put("code", code(enrolled))).status());
    String replaced = token(invite("reset"));
    String fresh = token(reset("reset"));
    String expiring = token(invite("late"));
    clock.advance(Duration.ofHours(72));
    String forged = "A".repeat(43);

    HttpResult reference = post("/api/invitation", new JsonObject().put("token", forged));
    assertEquals(404, reference.status());
    assertEquals("invalid_invitation", reference.json().getString("code"));
    for (String token : new String[] {used, replaced, expiring, fresh, "", "x".repeat(500)}) {
      for (String path : new String[] {"/api/invitation", "/api/invitation/password", "/api/invitation/confirm"}) {
        HttpResult refused = post(path, new JsonObject().put("token", token).put("password", PASSWORD).put("code", "123456"));
        assertEquals(reference.status(), refused.status(), path);
        assertEquals(reference.body(), refused.body(), path + ": the same answer whatever the reason");
      }
    }
  }

  @Test
  void aResetEndsSessionsAndTheOldPasswordAndSecondFactorUntilTheNewInvitationIsAccepted() {
    String token = token(invite("ola"));
    HttpResult enrolled = post("/api/invitation/password", new JsonObject().put("token", token).put("password", PASSWORD));
    post("/api/invitation/confirm", new JsonObject().put("token", token).put("code", code(enrolled)));
    clock.advance(Duration.ofSeconds(30));
    String session = cookie(login("ola", PASSWORD, code(enrolled)));

    String again = token(reset("ola"));
    assertEquals(401, server.request(HttpMethod.GET, "/api/me", session, null).status());
    clock.advance(Duration.ofSeconds(30));
    assertEquals("bad_credentials", login("ola", PASSWORD, code(enrolled)).json().getString("code"));

    String next = "ola's second long password";
    HttpResult second = post("/api/invitation/password", new JsonObject().put("token", again).put("password", next));
    assertEquals(204, post("/api/invitation/confirm", new JsonObject().put("token", again).put("code", code(second))).status());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(204, login("ola", next, code(second)).status());
  }

  private HttpResult invite(String username) {
    HttpResult r = server.request(HttpMethod.POST, "/api/admin/accounts", admin, new JsonObject()
        .put("username", username).put("displayName", username.substring(0, 1).toUpperCase() + username.substring(1))
        .put("gender", "woman").put("languages", new JsonArray().add("nb")).put("role", "counsellor").encode());
    assertEquals(201, r.status(), r.body());
    return r;
  }

  private HttpResult reset(String username) {
    HttpResult r = server.request(HttpMethod.POST, "/api/admin/accounts/" + username + "/reset", admin, "{}");
    assertEquals(200, r.status(), r.body());
    return r;
  }

  private static String token(HttpResult invitation) {
    return invitation.json().getString("link").split("#", 2)[1];
  }

  private String code(HttpResult enrolment) {
    return TotpCodes.now(Base32.decode(enrolment.json().getString("secret")), clock.instant());
  }

  private static String otherThan(String code) {
    return code.equals("000000") ? "111111" : "000000";
  }

  private HttpResult post(String path, JsonObject body) {
    return server.request(HttpMethod.POST, path, null, body.encode());
  }

  private HttpResult login(String username, String password, String code) {
    return server.request(HttpMethod.POST, "/api/login", null, new JsonObject().put("username", username)
        .put("password", password).put("code", code).encode());
  }

  private static String cookie(HttpResult login) {
    assertEquals(204, login.status(), login.body());
    return login.headers().getAll("Set-Cookie").get(0).split(";", 2)[0];
  }
}
