package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.lytt.accounts.Role;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP side of a real node as a browser meets it: health and readiness, the status a visitor's
 * page shows before anything else, the pages' security headers, and the console's log-in, session
 * cookie and log-out — including that another site cannot drive any of it.
 */
@Timeout(60)
class HttpApiTest {
  private static final String FOREIGN = "https://evil.example";
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- health and status ------------------------------------------------------------------------

  @Test
  void healthAndReadinessAnswer200() {
    HttpResult health = server.request(HttpMethod.GET, "/health", null, null);
    assertEquals(200, health.status());
    assertEquals("up", health.json().getString("status"));
    HttpResult ready = server.request(HttpMethod.GET, "/ready", null, null);
    assertEquals(200, ready.status());
    assertEquals("ready", ready.json().getString("status"));
  }

  @Test
  void statusWhenForcedOpenSaysOpenWithNoNextOpeningAndNoEstimateWhileNobodyIsOnDuty() {
    JsonObject status = status(server);
    assertEquals(Boolean.TRUE, status.getValue("open"));
    assertTrue(status.containsKey("nextOpening"), "nextOpening is always present");
    assertNull(status.getValue("nextOpening"), "forced open: there is no next opening to announce");
    assertTrue(status.getValue("queueLength") instanceof Number, "queueLength is a number");
    assertTrue(status.containsKey("estimatedWaitSeconds"), "estimatedWaitSeconds is always present");
    assertNull(status.getValue("estimatedWaitSeconds"), "no honest estimate with nobody on duty");
    assertEquals("Europe/Oslo", status.getString("zone"));
    JsonArray week = status.getJsonArray("week");
    assertEquals(7, week.size(), "seven days of opening hours");
  }

  @Test
  void statusWhenForcedClosedSaysClosed() {
    try (TestServer closed = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "closed"))) {
      JsonObject status = status(closed);
      assertEquals(Boolean.FALSE, status.getValue("open"));
      assertTrue(status.containsKey("nextOpening"));
      assertNull(status.getValue("nextOpening"), "closed until further notice: no opening to promise");
    }
  }

  @Test
  void statusOnAScheduleNamesTheNextOpeningWithItsOffsetAndThisWeeksHours() {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    // Monday 21 December 2026, noon in Oslo: closed until 17:00; Friday is Christmas Day.
    ZonedDateTime noon = ZonedDateTime.of(2026, 12, 21, 12, 0, 0, 0, oslo);
    Map<String, String> config = Map.of("LYTT_HOURS_WEEKLY", "mon=17:00-22:00;thu=17:00-22:00;fri=10:00-14:00",
        "LYTT_HOURS_ZONE", "Europe/Oslo", "LYTT_HOURS_HOLIDAYS", "true");
    try (TestServer scheduled = TestServer.start(config, Clock.fixed(noon.toInstant(), oslo))) {
      JsonObject status = status(scheduled);
      assertEquals(Boolean.FALSE, status.getValue("open"));
      OffsetDateTime next = OffsetDateTime.parse(status.getString("nextOpening"));
      assertEquals(OffsetDateTime.parse("2026-12-21T17:00:00+01:00"), next);
      assertEquals("+01:00", next.getOffset().getId(), "the offset is Oslo's winter time");
      assertEquals(0, status.getInteger("queueLength"));

      JsonArray week = status.getJsonArray("week");
      List<String> dates = new ArrayList<>();
      for (int i = 0; i < week.size(); i++) {
        dates.add(week.getJsonObject(i).getString("date"));
      }
      assertEquals(List.of("2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25", "2026-12-26",
          "2026-12-27"), dates, "this week starts today");
      assertEquals(List.of("17:00-22:00"), hours(week.getJsonObject(0)), "Monday");
      assertEquals(List.of(), hours(week.getJsonObject(1)), "Tuesday is closed");
      assertEquals(List.of("17:00-22:00"), hours(week.getJsonObject(3)), "Thursday");
      JsonObject christmas = week.getJsonObject(4);
      assertEquals(List.of(), hours(christmas), "Friday is Christmas Day: closed despite the weekly hours");
      assertNotNull(christmas.getString("holiday"), "and says which holiday");
      assertNull(week.getJsonObject(1).getValue("holiday"));
    }
  }

  @Test
  void theWaitEstimateAppearsWhileACounsellorIsOnDutyAndGoesWhenTheyLeave() {
    String cookie = server.login(newCounsellor(), "counsellor-password");
    try (RawSocket console = server.consoleSocket(cookie)) {
      console.next("welcome");
      console.send(new JsonObject().put("type", "duty").put("on", true).put("capacity", 2));
      console.next("duty");
      assertEquals(0L, ((Number) status(server).getValue("estimatedWaitSeconds")).longValue(),
          "a free counsellor: a newcomer is served at once");
      console.send(new JsonObject().put("type", "duty").put("on", false));
      console.next("duty");
      assertNull(status(server).getValue("estimatedWaitSeconds"));
    }
  }

  // ---- pages ------------------------------------------------------------------------------------

  @Test
  void pagesSendStrictSecurityHeaders() {
    for (String page : List.of("/", "/console")) {
      HttpResult r = server.request(HttpMethod.GET, page, null, null);
      assertEquals(200, r.status(), page);
      assertTrue(r.headers().get("Content-Type").startsWith("text/html"), page);
      String csp = r.headers().get("Content-Security-Policy");
      assertNotNull(csp, page + " has a Content-Security-Policy");
      assertFalse(csp.contains("'unsafe-inline'"), page + ": no inline script or style allowed");
      assertFalse(csp.contains("'unsafe-eval'"), page);
      assertTrue(csp.contains("script-src 'self'"), page + ": scripts only from this origin");
      assertTrue(csp.contains("frame-ancestors"), page + ": no framing by other sites");
      assertEquals("no-referrer", r.headers().get("Referrer-Policy"), page);
      assertEquals("nosniff", r.headers().get("X-Content-Type-Options"), page);
      assertEquals("no-store", r.headers().get("Cache-Control"), page + ": a shared computer keeps no copy");
      assertNull(r.headers().get("Strict-Transport-Security"), page + ": no HSTS on plain HTTP");
    }
  }

  /** The quick-exit address sits in a meta tag's content, never in src/href: it is not loaded. */
  @Test
  void pagesLoadEverythingFromTheirOwnOriginAndEverythingTheyNameIsThere() {
    Pattern reference = Pattern.compile("\\b(?:src|href)\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
    for (String page : List.of("/", "/console")) {
      String html = server.request(HttpMethod.GET, page, null, null).body();
      assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find(),
          page + " has no inline script, which the CSP would block");
      assertFalse(html.toLowerCase(Locale.ROOT).contains("<style"), page + " has no inline style block");
      Matcher m = reference.matcher(html);
      int found = 0;
      while (m.find()) {
        found++;
        URI uri = URI.create(m.group(1));
        assertNull(uri.getScheme(), page + " references another origin: " + uri);
        assertNull(uri.getAuthority(), page + " references another origin: " + uri);
        assertTrue(uri.getPath().startsWith("/"), page + " references " + uri);
        assertEquals(200, server.request(HttpMethod.GET, uri.getPath(), null, null).status(),
            page + " names " + uri + ", which the server serves");
      }
      assertTrue(found >= 2, page + " references its script and style sheet");
    }
  }

  // ---- log-in, session, log-out -----------------------------------------------------------------

  @Test
  void aWrongPasswordIsRefusedWithATypedErrorAndNoCookie() {
    String username = newCounsellor();
    String[][] attempts = {{username, "wrong-password"}, {"nobody-" + username, "counsellor-password"}};
    for (String[] attempt : attempts) {
      HttpResult r = login(attempt[0], attempt[1]);
      assertEquals(401, r.status());
      assertTrue(r.headers().get("Content-Type").startsWith("application/json"));
      assertEquals("bad_credentials", r.json().getString("code"), "a wrong name and a wrong password look alike");
      assertFalse(r.json().getString("message").isEmpty());
      assertTrue(r.headers().getAll("Set-Cookie").isEmpty(), "no session for a failed log-in");
    }
  }

  @Test
  void theRightPasswordGivesAnHttpOnlySameSiteStrictSessionCookie() {
    HttpResult r = login(newCounsellor(), "counsellor-password");
    assertEquals(204, r.status());
    Map<String, String> cookie = sessionCookie(r, "lytt_session");
    assertTrue(cookie.containsKey("httponly"), "page script cannot read the session");
    assertEquals("strict", cookie.get("samesite"), "another site's requests do not carry it");
    assertEquals("/", cookie.get("path"));
    assertFalse(cookie.containsKey("secure"), "plain HTTP in development: not Secure");
  }

  @Test
  void behindTlsTheCookieIsSecureAndHostBound() {
    try (TestServer tls = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_HTTP_BEHIND_TLS", "true"))) {
      HttpResult r = tls.request(HttpMethod.POST, "/api/login", null,
          credentials("demo", TestServer.DEMO_PASSWORD));
      assertEquals(204, r.status());
      Map<String, String> cookie = sessionCookie(r, "__Host-lytt_session");
      assertTrue(cookie.containsKey("secure"));
      assertTrue(cookie.containsKey("httponly"));
      assertEquals("strict", cookie.get("samesite"));
      assertEquals("/", cookie.get("path"), "__Host- cookies need Path=/");
      assertFalse(cookie.containsKey("domain"), "__Host- cookies carry no Domain");

      String header = "__Host-lytt_session=" + cookie.get("__value");
      assertEquals("demo", tls.request(HttpMethod.GET, "/api/me", header, null).json().getString("username"));
      assertNotNull(tls.request(HttpMethod.GET, "/", null, null).headers().get("Strict-Transport-Security"),
          "behind TLS the pages ask browsers to stay on HTTPS");
    }
  }

  @Test
  void meNamesTheLoggedInCounsellorAndRefusesEveryoneElse() {
    HttpResult anonymous = server.request(HttpMethod.GET, "/api/me", null, null);
    assertEquals(401, anonymous.status());
    assertEquals("unauthorized", anonymous.json().getString("code"));
    assertEquals(401, server.request(HttpMethod.GET, "/api/me", "lytt_session=forged", null).status());

    String username = newCounsellor();
    JsonObject me = server.request(HttpMethod.GET, "/api/me", server.login(username, "counsellor-password"), null)
        .json();
    assertEquals(username, me.getString("username"));
    assertEquals("Counsellor " + username, me.getString("displayName"));
    assertEquals("woman", me.getString("gender"));
    assertEquals(new JsonArray(List.of("en", "nb")), me.getJsonArray("languages"));
  }

  @Test
  void logoutEndsTheSessionAndClosesThatCounsellorsConsole() {
    String username = newCounsellor();
    String cookie = server.login(username, "counsellor-password");
    String bystanderCookie = server.login(newCounsellor(), "counsellor-password");
    try (RawSocket console = server.consoleSocket(cookie);
         RawSocket bystander = server.consoleSocket(bystanderCookie)) {
      console.next("welcome");
      bystander.next("welcome");

      HttpResult out = server.request(HttpMethod.POST, "/api/logout", cookie, "{}");
      assertEquals(204, out.status());
      Map<String, String> cleared = sessionCookie(out, "lytt_session");
      assertEquals("", cleared.get("__value"), "the browser's cookie is cleared");
      assertEquals("0", cleared.get("max-age"));

      assertEquals(4001, console.awaitClose(), "the open console learns its session ended");
      assertEquals(401, server.request(HttpMethod.GET, "/api/me", cookie, null).status(),
          "the old cookie no longer works");
      assertThrows(RuntimeException.class, () -> server.consoleSocket(cookie), "nor opens a console");

      bystander.send(new JsonObject().put("type", "duty").put("on", false));
      bystander.next("duty");
      assertFalse(bystander.isClosed(), "another counsellor's console is untouched");
    }
  }

  @Test
  void anotherSiteCannotLogInLogOutOrRegisterADevice() {
    String username = newCounsellor();
    HttpResult foreignLogin = server.request(HttpMethod.POST, "/api/login", null,
        credentials(username, "counsellor-password"), FOREIGN);
    assertEquals(403, foreignLogin.status());
    assertEquals("forbidden", foreignLogin.json().getString("code"));
    assertTrue(foreignLogin.headers().getAll("Set-Cookie").isEmpty());
    assertEquals(403, server.request(HttpMethod.POST, "/api/login", null,
        credentials(username, "counsellor-password"), null).status(), "no Origin is not one of our pages either");

    String cookie = server.login(username, "counsellor-password");
    HttpResult foreignLogout = server.request(HttpMethod.POST, "/api/logout", cookie, "{}", FOREIGN);
    assertEquals(403, foreignLogout.status());
    assertEquals("forbidden", foreignLogout.json().getString("code"));
    HttpResult foreignDevice = server.request(HttpMethod.POST, "/api/devices", cookie,
        new JsonObject().put("idPub", "A".repeat(43)).put("encPub", "B".repeat(43)).encode(), FOREIGN);
    assertEquals(403, foreignDevice.status());
    assertEquals("forbidden", foreignDevice.json().getString("code"));

    assertEquals(200, server.request(HttpMethod.GET, "/api/me", cookie, null).status(),
        "the counsellor is still logged in");
  }

  /**
   * A form on another site can send a POST, even with a JSON-looking body, but it cannot add a
   * header: every state-changing request needs X-Lytt-Request besides an allowed Origin.
   */
  @Test
  void aPostWithoutLyttsRequestHeaderIsRefusedEvenFromTheRightOrigin() {
    String username = newCounsellor();
    String cookie = server.login(username, "counsellor-password");
    Map<String, String> form = Map.of("Origin", server.origin(), "Cookie", cookie,
        "Content-Type", "application/x-www-form-urlencoded");
    Map<String, String> jsonWithoutHeader = Map.of("Origin", server.origin(), "Cookie", cookie,
        "Content-Type", "application/json");
    for (Map<String, String> headers : List.of(form, jsonWithoutHeader)) {
      HttpResult login = server.requestWithHeaders(HttpMethod.POST, "/api/login", headers,
          credentials(username, "counsellor-password"));
      assertEquals(403, login.status(), headers.toString());
      assertEquals("forbidden", login.json().getString("code"));
      assertTrue(login.headers().getAll("Set-Cookie").isEmpty());
      assertEquals(403, server.requestWithHeaders(HttpMethod.POST, "/api/logout", headers, "{}").status());
      assertEquals(403, server.requestWithHeaders(HttpMethod.POST, "/api/password", headers,
          new JsonObject().put("current", "counsellor-password").put("new", "a-forged-new-password").encode()).status());
      assertEquals(403, server.requestWithHeaders(HttpMethod.POST, "/api/devices", headers,
          new JsonObject().put("idPub", "A".repeat(43)).put("encPub", "B".repeat(43)).encode()).status());
    }
    assertEquals(200, server.request(HttpMethod.GET, "/api/me", cookie, null).status(),
        "still logged in, with the same password");
    server.login(username, "counsellor-password");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static JsonObject status(TestServer s) {
    HttpResult r = s.request(HttpMethod.GET, "/api/status", null, null);
    assertEquals(200, r.status());
    return r.json();
  }

  private static List<String> hours(JsonObject day) {
    return day.getJsonArray("open").stream().map(JsonObject.class::cast)
        .map(i -> i.getString("from") + "-" + i.getString("to")).toList();
  }

  /** A fresh counsellor account, so no test sees another's duty, sessions or sockets. */
  private static String newCounsellor() {
    String username = "http" + ACCOUNTS.incrementAndGet();
    Await.of(server.lytt().accounts().save(username, "counsellor-password".toCharArray(), "Counsellor " + username,
        Gender.WOMAN, Set.of(Language.NB, Language.EN), Role.COUNSELLOR));
    return username;
  }

  private static HttpResult login(String username, String password) {
    return server.request(HttpMethod.POST, "/api/login", null, credentials(username, password));
  }

  private static String credentials(String username, String password) {
    return new JsonObject().put("username", username).put("password", password).encode();
  }

  /** The one Set-Cookie named {@code name}: its attributes in lower case, its value under "__value". */
  private static Map<String, String> sessionCookie(HttpResult r, String name) {
    List<String> all = r.headers().getAll("Set-Cookie");
    assertEquals(1, all.size(), "one Set-Cookie: " + all);
    String[] parts = all.get(0).split(";");
    String[] first = parts[0].trim().split("=", 2);
    assertEquals(name, first[0]);
    Map<String, String> attributes = Arrays.stream(parts).skip(1).map(String::trim).filter(p -> !p.isEmpty())
        .collect(Collectors.toMap(p -> p.split("=", 2)[0].toLowerCase(Locale.ROOT),
            p -> p.contains("=") ? p.split("=", 2)[1].toLowerCase(Locale.ROOT) : ""));
    attributes.put("__value", first.length > 1 ? first[1] : "");
    return attributes;
  }
}
