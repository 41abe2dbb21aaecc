package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import no.lytt.hours.MutableClock;
import no.lytt.support.Counsellors;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/admin/hours} on a real node whose clock stands still on Monday 21 December 2026 at
 * 18:00 in Oslo, inside the configured Monday evening: an administrator's hours replace the
 * configured ones, are checked by the configuration's own parsers, show a 14-day preview that
 * explains each day (Christmas closes a Friday evening), and an override closes the line for the
 * visitors' pages at once.
 */
@Timeout(60)
class HoursApiTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final ZonedDateTime MONDAY_EVENING = ZonedDateTime.of(2026, 12, 21, 18, 0, 0, 0, OSLO);
  private TestServer server;
  private String admin;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_WEEKLY", "mon=17:00-22:00;fri=17:00-22:00",
        "LYTT_HOURS_CHECK_MILLIS", "100"), new MutableClock(MONDAY_EVENING.toInstant(), OSLO));
    admin = server.login("admin", TestServer.ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResult get() {
    return server.request(HttpMethod.GET, "/api/admin/hours", admin, null);
  }

  private HttpResult put(JsonObject settings) {
    return server.request(HttpMethod.PUT, "/api/admin/hours", admin, settings.encode());
  }

  private HttpResult override(String to) {
    return server.request(HttpMethod.POST, "/api/admin/hours/override", admin,
        new JsonObject().put("override", to).encode());
  }

  private static JsonObject day(HttpResult hours, String date) {
    return hours.json().getJsonArray("preview").stream().map(JsonObject.class::cast)
        .filter(d -> d.getString("date").equals(date)).findFirst().orElseThrow();
  }

  private static JsonArray evening() {
    return new JsonArray().add(new JsonObject().put("from", "17:00").put("to", "22:00"));
  }

  @Test
  void onlyAnAdministratorSeesOrChangesTheHours() {
    String counsellor = server.login(Counsellors.create(server, "hours"), Counsellors.PASSWORD);
    String[][] routes = {{"GET", "/api/admin/hours"}, {"PUT", "/api/admin/hours"}, {"POST", "/api/admin/hours/override"}};
    for (String[] route : routes) {
      HttpResult asCounsellor = server.request(HttpMethod.valueOf(route[0]), route[1], counsellor, "{\"override\":\"closed\"}");
      assertEquals(403, asCounsellor.status(), route[0] + " " + route[1]);
      assertEquals("forbidden", asCounsellor.json().getString("code"));
      assertEquals(401, server.request(HttpMethod.valueOf(route[0]), route[1], null, "{}").status());
    }
    HttpResult crossSite = server.request(HttpMethod.PUT, "/api/admin/hours", admin, "{}", "https://elsewhere.example");
    assertEquals(403, crossSite.status(), "a PUT passes the same cross-site check as a POST");
    assertTrue(get().json().getBoolean("openNow"), "nothing was changed");
  }

  @Test
  void theConfiguredHoursShowUntilSavedWithAPreviewThatSaysWhyEachDayIsAsItIs() {
    HttpResult hours = get();
    assertEquals(200, hours.status(), hours.body());
    JsonObject body = hours.json();
    assertEquals("configuration", body.getString("source"));
    assertEquals(evening(), body.getJsonObject("weekly").getJsonArray("mon"));
    assertEquals(new JsonArray(), body.getJsonObject("weekly").getJsonArray("sun"));
    assertTrue(body.getBoolean("holidays"));
    assertEquals("schedule", body.getString("override"));
    assertTrue(body.getBoolean("openNow"));
    assertEquals(14, body.getJsonArray("preview").size());
    JsonObject today = day(hours, "2026-12-21");
    assertEquals("mon", today.getString("weekday"));
    assertEquals("weekly", today.getString("reason"));
    assertEquals(evening(), today.getJsonArray("open"));
    JsonObject christmas = day(hours, "2026-12-25");
    assertEquals("fri", christmas.getString("weekday"));
    assertEquals("holiday", christmas.getString("reason"));
    assertEquals(new JsonArray(), christmas.getJsonArray("open"), "a Friday evening closed by Christmas Day");
    assertEquals("Første juledag", christmas.getJsonObject("holiday").getString("nb"));
    assertEquals("Christmas Day", christmas.getJsonObject("holiday").getString("en"));
    assertNull(day(hours, "2026-12-22").getValue("holiday"));
    assertNull(christmas.getValue("override"));
  }

  @Test
  void savedHoursReplaceTheConfiguredOnesAndAnExceptionWinsOverAHoliday() {
    JsonObject settings = new JsonObject()
        .put("weekly", new JsonObject().put("tue", evening()).put("wed", new JsonArray()))
        .put("exceptions", new JsonArray()
            .add(new JsonObject().put("date", "2026-12-25").put("open", new JsonArray()
                .add(new JsonObject().put("from", "12:00").put("to", "15:00"))))
            .add(new JsonObject().put("date", "2026-12-29").put("open", new JsonArray())))
        .put("holidays", true).put("override", "schedule");
    HttpResult saved = put(settings);
    assertEquals(200, saved.status(), saved.body());
    assertEquals("administrator", saved.json().getString("source"));
    assertFalse(saved.json().getBoolean("openNow"), "Monday is no longer in the week");
    assertEquals(new JsonArray(), saved.json().getJsonObject("weekly").getJsonArray("mon"));
    JsonObject christmas = day(saved, "2026-12-25");
    assertEquals("exception", christmas.getString("reason"));
    assertEquals("Første juledag", christmas.getJsonObject("holiday").getString("nb"));
    assertEquals(new JsonArray().add(new JsonObject().put("from", "12:00").put("to", "15:00")),
        christmas.getJsonArray("open"));
    assertEquals("exception", day(saved, "2026-12-29").getString("reason"));
    assertEquals(new JsonArray(), day(saved, "2026-12-29").getJsonArray("open"), "a Tuesday closed by exception");
    assertEquals(evening(), day(saved, "2026-12-22").getJsonArray("open"));
    assertEquals(saved.json(), get().json(), "what was saved is what is shown");

    JsonObject status = server.request(HttpMethod.GET, "/api/status", null, null).json();
    assertFalse(status.getBoolean("open"), "visitors follow the saved hours");
    assertEquals("2026-12-22T17:00+01:00", status.getString("nextOpening"));
  }

  @Test
  void hoursThatCannotBeReadAreRefusedWithWhatToFixAndNothingChanges() {
    JsonObject good = new JsonObject().put("weekly", new JsonObject().put("mon", evening()))
        .put("exceptions", new JsonArray()).put("holidays", true).put("override", "schedule");
    assertRefused(good.copy().put("weekly", new JsonObject().put("mon", new JsonArray()
        .add(new JsonObject().put("from", "22:00").put("to", "17:00")))), "mon: interval 22:00-17:00 is empty or crosses midnight");
    assertRefused(good.copy().put("weekly", new JsonObject().put("mon", evening().copy()
        .add(new JsonObject().put("from", "21:00").put("to", "23:00")))), "overlap");
    assertRefused(good.copy().put("weekly", new JsonObject().put("someday", evening())), "\"someday\" is not a day");
    assertRefused(good.copy().put("weekly", new JsonObject().put("mon", new JsonArray()
        .add(new JsonObject().put("from", "25:00").put("to", "26:00")))), "not a time");
    assertRefused(good.copy().put("exceptions", new JsonArray().add(new JsonObject().put("date", "24.12.2026")
        .put("open", new JsonArray()))), "is not a date like 2026-12-24");
    assertRefused(good.copy().put("exceptions", new JsonArray()
        .add(new JsonObject().put("date", "2026-12-24").put("open", new JsonArray()))
        .add(new JsonObject().put("date", "2026-12-24").put("open", evening()))), "given twice");
    assertRefused(good.copy().put("weekly", new JsonObject().put("mon", "17:00-22:00")), "weekly.mon");
    assertRefused(good.copy().put("holidays", "yes"), "holidays");
    assertRefused(good.copy().put("override", "sometimes"), "override");
    assertRefused(good.copy().put("weekly", new JsonObject().put("mon", new JsonArray()
        .add(new JsonObject().put("from", "17:00;sun=00:00").put("to", "22:00")))), "not times like 17:00");
    HttpResult badOverride = override("maybe");
    assertEquals(400, badOverride.status());
    assertEquals("bad_hours", badOverride.json().getString("code"));
    assertEquals("configuration", get().json().getString("source"), "nothing was saved");
  }

  private void assertRefused(JsonObject settings, String says) {
    HttpResult refused = put(settings);
    assertEquals(400, refused.status(), refused.body());
    assertEquals("bad_hours", refused.json().getString("code"));
    assertTrue(refused.json().getString("message").contains(says), refused.body());
  }

  @Test
  void theOverrideClosesAnOpenPageAndTheScheduleOpensItAgain() {
    try (RawSocket visitor = server.visitorSocket()) {
      assertTrue(visitor.next("welcome").getJsonObject("status").getBoolean("open"));
      HttpResult closed = override("closed");
      assertEquals(200, closed.status(), closed.body());
      assertEquals("closed", closed.json().getString("override"));
      assertFalse(closed.json().getBoolean("openNow"));
      assertEquals("closed", day(closed, "2026-12-22").getString("override"), "the preview shows what the override does");
      assertEquals(evening(), closed.json().getJsonObject("weekly").getJsonArray("mon"), "the week is kept");
      assertFalse(visitor.next("status").getJsonObject("status").getBoolean("open"));

      assertTrue(override("schedule").json().getBoolean("openNow"));
      assertTrue(visitor.next("status").getJsonObject("status").getBoolean("open"));
    }
  }

  @Test
  void aWeekSavedWithoutAnOverrideKeepsTheLineClosedByHandMeanwhile() {
    // One administrator closes the line; another, whose page still shows it open, saves a week.
    assertEquals(200, override("closed").status());
    JsonObject week = new JsonObject().put("weekly", new JsonObject().put("mon", evening()).put("tue", evening()))
        .put("exceptions", new JsonArray()).put("holidays", true);
    HttpResult saved = put(week);
    assertEquals(200, saved.status(), saved.body());
    assertEquals("closed", saved.json().getString("override"), "the line stays closed");
    assertFalse(saved.json().getBoolean("openNow"));
    assertEquals(evening(), day(saved, "2026-12-22").getJsonArray("open"), "the week is saved");

    assertEquals("closed", put(week.copy().putNull("override")).json().getString("override"), "null is as absent");

    HttpResult opened = put(week.copy().put("override", "schedule"));
    assertTrue(opened.json().getBoolean("openNow"), "an override given in the settings is set");
  }
}
