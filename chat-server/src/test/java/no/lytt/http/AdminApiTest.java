package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceKeys;
import no.lytt.crypto.OrgKey;
import no.lytt.support.Counsellors;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/admin/...} on a real node whose organisation key the test holds (so new devices wait
 * for certification, as in production): only administrators get in, accounts are invited,
 * edited, disabled and enabled, the last administrator cannot be lost, and a device is certified
 * only with a certificate of the organisation key for that very device, and revoked at once.
 */
@Timeout(60)
class AdminApiTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OrgKey ORG = OrgKey.generate(RANDOM);
  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_ORG_PUBLIC_KEY", ORG.publicKeyB64u()));
    admin = server.login("admin", TestServer.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static final List<String[]> ROUTES = List.of(
      new String[] {"GET", "/api/admin/accounts"},
      new String[] {"POST", "/api/admin/accounts"},
      new String[] {"POST", "/api/admin/accounts/demo/disable"},
      new String[] {"POST", "/api/admin/accounts/demo/enable"},
      new String[] {"POST", "/api/admin/accounts/demo/reset"},
      new String[] {"POST", "/api/admin/accounts/demo/edit"},
      new String[] {"GET", "/api/admin/devices"},
      new String[] {"POST", "/api/admin/devices/some-device/certificate"},
      new String[] {"POST", "/api/admin/devices/some-device/revoke"});

  @Test
  void aCounsellorIsForbiddenAndNobodyElseGetsInAtAll() {
    String counsellor = server.login(Counsellors.create(server, "role"), Counsellors.PASSWORD);
    for (String[] route : ROUTES) {
      HttpResult asCounsellor = server.request(HttpMethod.valueOf(route[0]), route[1], counsellor, "{}");
      assertEquals(403, asCounsellor.status(), route[1]);
      assertEquals("forbidden", asCounsellor.json().getString("code"), route[1]);
      HttpResult anonymous = server.request(HttpMethod.valueOf(route[0]), route[1], null, "{}");
      assertEquals(401, anonymous.status(), route[1]);
      assertEquals("unauthorized", anonymous.json().getString("code"), route[1]);
    }
    assertEquals(200, server.request(HttpMethod.POST, "/api/admin/accounts/demo/enable", admin, "{}").status());
    HttpResult crossSite = server.request(HttpMethod.POST, "/api/admin/accounts/demo/disable", admin, "{}",
        "https://elsewhere.example");
    assertEquals(403, crossSite.status(), "an administrator's session is no use to another site");
    assertEquals(200, me(server.login("demo", TestServer.DEMO_PASSWORD)).status());
  }

  @Test
  void anInvitedAccountIsListedWithoutSecretsAndItsNameIsNeverReused() {
    HttpResult created = invite("ola", "Ola", "man", "counsellor");
    assertEquals(201, created.status(), created.body());
    assertTrue(created.json().getString("link").matches(server.origin() + "/invite#[A-Za-z0-9_-]{43}"), created.body());
    assertEquals("name_taken", invite("ola", "Ola", "man", "counsellor").json().getString("code"));
    assertEquals(400, invite("Ola!", "Ola", "man", "counsellor").status());
    assertEquals(400, invite("oline", "Oline", "unspecified", "counsellor").status(), "visitors may ask for a man or a woman");

    HttpResult list = server.request(HttpMethod.GET, "/api/admin/accounts", admin, null);
    JsonObject ola = account(list, "ola");
    assertEquals(new JsonObject().put("username", "ola").put("displayName", "Ola").put("gender", "man")
        .put("languages", new JsonArray().add("en").add("nb")).put("role", "counsellor").put("disabled", false)
        .put("password", false).put("secondFactor", false), ola);
    assertTrue(account(list, "admin").getBoolean("password"));
    assertFalse(list.body().contains("$argon2"), "no password hash ever leaves the server");
    assertFalse(list.body().toLowerCase().contains("secret"));

    HttpResult edited = server.request(HttpMethod.POST, "/api/admin/accounts/ola/edit", admin, new JsonObject()
        .put("displayName", "Ola N.").put("gender", "man").put("languages", new JsonArray().add("nb"))
        .put("role", "counsellor").encode());
    assertEquals(200, edited.status(), edited.body());
    assertEquals("Ola N.", edited.json().getString("displayName"));
    assertEquals(new JsonArray().add("nb"), edited.json().getJsonArray("languages"));
  }

  @Test
  void disablingEndsSessionsClosesTheConsoleAndRefusesLogInUntilEnabled() {
    String name = Counsellors.create(server, "off");
    String cookie = server.login(name, Counsellors.PASSWORD);
    try (RawSocket console = server.consoleSocket(cookie)) {
      console.next("welcome");
      HttpResult off = server.request(HttpMethod.POST, "/api/admin/accounts/" + name + "/disable", admin, "{}");
      assertEquals(200, off.status(), off.body());
      assertTrue(off.json().getBoolean("disabled"));
      assertEquals(4001, console.awaitClose());
    }
    assertEquals(401, me(cookie).status());
    assertEquals("bad_credentials", login(name, Counsellors.PASSWORD).json().getString("code"));

    assertEquals(200, server.request(HttpMethod.POST, "/api/admin/accounts/" + name + "/enable", admin, "{}").status());
    assertEquals(401, me(cookie).status(), "sessions from before the disabling stay over");
    assertEquals(200, me(server.login(name, Counsellors.PASSWORD)).status());
  }

  @Test
  void theLastEnabledAdministratorCanBeNeitherDisabledNorDemotedNorReset() {
    for (String action : List.of("disable", "reset")) {
      HttpResult refused = server.request(HttpMethod.POST, "/api/admin/accounts/admin/" + action, admin, "{}");
      assertEquals(409, refused.status(), action);
      assertEquals("last_administrator", refused.json().getString("code"));
    }
    HttpResult demoted = server.request(HttpMethod.POST, "/api/admin/accounts/admin/edit", admin, new JsonObject()
        .put("displayName", "Admin").put("gender", "man").put("languages", new JsonArray().add("nb"))
        .put("role", "counsellor").encode());
    assertEquals("last_administrator", demoted.json().getString("code"));
    assertEquals(200, me(admin).status(), "still an administrator, still logged in");
    assertEquals(200, server.request(HttpMethod.GET, "/api/admin/accounts", admin, null).status());
  }

  @Test
  void aDeviceIsCertifiedOnlyWithTheOrganisationKeysCertificateForItAndRevokedAtOnce() {
    String name = Counsellors.create(server, "dev");
    String cookie = server.login(name, Counsellors.PASSWORD);
    DeviceKeys keys = DeviceKeys.generate(RANDOM);
    DeviceKeys other = DeviceKeys.generate(RANDOM);
    HttpResult registered = server.request(HttpMethod.POST, "/api/devices", cookie, new JsonObject()
        .put("idPub", B64u.encode(keys.idPub())).put("encPub", B64u.encode(keys.encPub())).encode());
    assertEquals("pending", registered.json().getString("status"), registered.body());

    JsonObject listed = device(keys.deviceId());
    assertEquals(name, listed.getString("username"));
    assertEquals(no.lytt.crypto.DeviceId.grouped(keys.fingerprint()), listed.getString("fingerprint"), "what the console shows");
    assertEquals("pending", listed.getString("status"));

    long now = Instant.now().getEpochSecond();
    String display = "Counsellor " + name;
    Map<String, Object> byAnotherKey = OrgKey.generate(RANDOM)
        .certify(keys.deviceId(), keys.idPub(), keys.encPub(), now - 60, now + 86400, display).toJsonMap();
    Map<String, Object> forAnotherDevice = ORG
        .certify(other.deviceId(), other.idPub(), other.encPub(), now - 60, now + 86400, display).toJsonMap();
    Map<String, Object> expired = ORG
        .certify(keys.deviceId(), keys.idPub(), keys.encPub(), now - 7200, now - 3600, display).toJsonMap();
    Map<String, Object> wrongName = ORG
        .certify(keys.deviceId(), keys.idPub(), keys.encPub(), now - 60, now + 86400, "Someone").toJsonMap();
    for (Map<String, Object> bad : List.of(byAnotherKey, forAnotherDevice, expired, wrongName)) {
      HttpResult refused = certify(keys.deviceId(), new JsonObject(bad));
      assertEquals(400, refused.status(), refused.body());
      assertEquals("bad_certificate", refused.json().getString("code"));
    }
    assertEquals("pending", device(keys.deviceId()).getString("status"));
    assertFalse(teamKeys().contains(keys.deviceId()));

    Map<String, Object> genuine = ORG
        .certify(keys.deviceId(), keys.idPub(), keys.encPub(), now - 60, now + 86400, display).toJsonMap();
    HttpResult certified = certify(keys.deviceId(), new JsonObject(genuine));
    assertEquals(200, certified.status(), certified.body());
    assertEquals("certified", certified.json().getString("status"));
    assertEquals(now + 86400, certified.json().getLong("notAfter"));
    assertTrue(teamKeys().contains(keys.deviceId()), "visitors' pages now seal to it");

    try (RawSocket console = server.consoleSocket(cookie)) {
      console.next("welcome");
      console.send(new JsonObject().put("type", "hello").put("deviceId", keys.deviceId()));
      console.next("hello");
      HttpResult revoked = server.request(HttpMethod.POST, "/api/admin/devices/" + keys.deviceId() + "/revoke", admin, "{}");
      assertEquals(200, revoked.status(), revoked.body());
      assertEquals("revoked", revoked.json().getString("status"));
      assertEquals(4001, console.awaitClose(), "its console closes at once");
    }
    assertFalse(teamKeys().contains(keys.deviceId()), "nothing is sealed to it any more");
    assertNull(device(keys.deviceId()).getValue("notAfter"));
    try (RawSocket console = server.consoleSocket(server.login(name, Counsellors.PASSWORD))) {
      console.next("welcome");
      console.send(new JsonObject().put("type", "hello").put("deviceId", keys.deviceId()));
      assertEquals("device_not_certified", console.nextError().getString("code"), "it can accept no chat");
    }
    assertEquals("wrong_state", certify(keys.deviceId(), new JsonObject(genuine)).json().getString("code"),
        "a revoked device is not certified again");
  }

  private static HttpResult invite(String username, String displayName, String gender, String role) {
    return server.request(HttpMethod.POST, "/api/admin/accounts", admin, new JsonObject().put("username", username)
        .put("displayName", displayName).put("gender", gender).put("languages", new JsonArray().add("nb").add("en"))
        .put("role", role).encode());
  }

  private static JsonObject account(HttpResult list, String username) {
    return list.json().getJsonArray("accounts").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("username").equals(username)).findFirst().orElseThrow();
  }

  private static JsonObject device(String deviceId) {
    return server.request(HttpMethod.GET, "/api/admin/devices", admin, null).json().getJsonArray("devices").stream()
        .map(JsonObject.class::cast).filter(d -> d.getString("deviceId").equals(deviceId)).findFirst().orElseThrow();
  }

  private static HttpResult certify(String deviceId, JsonObject certificate) {
    return server.request(HttpMethod.POST, "/api/admin/devices/" + deviceId + "/certificate", admin,
        new JsonObject().put("certificate", certificate).encode());
  }

  private static String teamKeys() {
    return server.request(HttpMethod.GET, "/api/team/keys", null, null).body();
  }

  private static HttpResult me(String cookie) {
    return server.request(HttpMethod.GET, "/api/me", cookie, null);
  }

  private static HttpResult login(String username, String password) {
    return server.request(HttpMethod.POST, "/api/login", null, new JsonObject().put("username", username)
        .put("password", password).encode());
  }
}
