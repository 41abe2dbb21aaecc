package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.store.Store;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.Counsellors;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/admin/statistics}, its CSV and {@code /api/admin/overview} on a real node: days are
 * summed into ISO weeks and calendar months before counts of one to four become "<5", the CSV
 * cannot smuggle a formula into a spreadsheet, bad ranges are typed errors, and only
 * administrators get any of it. Past days are seeded through the node's own store; today's come
 * from a real chat.
 */
@Timeout(60)
class StatisticsApiTest {
  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
    admin = server.login("admin", TestServer.ADMIN_PASSWORD);
    Store store = server.lytt().store();
    // 30 December 2024 is the Monday of ISO week 2025-W01.
    Await.of(store.increment("contacts.offered", LocalDate.of(2024, 12, 30), 3));
    Await.of(store.increment("contacts.offered", LocalDate.of(2024, 12, 31), 2));
    Await.of(store.increment("contacts.offered", LocalDate.of(2025, 1, 2), 1));
    Await.of(store.increment("wrapup.category.debt", LocalDate.of(2025, 1, 3), 7));
    Await.of(store.increment("=HYPERLINK(\"x\",1)", LocalDate.of(2025, 1, 3), 9));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResult get(String uri, String cookie) {
    return server.request(HttpMethod.GET, uri, cookie, null);
  }

  private static JsonObject statistics(String query) {
    HttpResult result = get("/api/admin/statistics?" + query, admin);
    assertEquals(200, result.status(), result.body());
    return result.json();
  }

  private static Object count(JsonObject report, int period, String key) {
    return report.getJsonArray("periods").getJsonObject(period).getJsonObject("counts").getValue(key);
  }

  @Test
  void aCounsellorIsForbiddenAndNobodyElseGetsIn() {
    String counsellor = server.login(Counsellors.create(server, "stats"), Counsellors.PASSWORD);
    for (String uri : List.of("/api/admin/statistics?from=2025-01-01&to=2025-01-31",
        "/api/admin/statistics.csv?from=2025-01-01&to=2025-01-31", "/api/admin/overview")) {
      HttpResult asCounsellor = get(uri, counsellor);
      assertEquals(403, asCounsellor.status(), uri);
      assertEquals("forbidden", asCounsellor.json().getString("code"), uri);
      assertEquals(401, get(uri, null).status(), uri);
    }
  }

  @Test
  void daysAreSummedIntoThePeriodBeforeSmallCountsBecomeFewerThanFive() {
    JsonObject byDay = statistics("from=2024-12-30&to=2025-01-02&by=day");
    assertEquals(List.of("2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02"),
        byDay.getJsonArray("periods").stream().map(p -> ((JsonObject) p).getString("period")).toList());
    assertEquals(List.of("<5", "<5", 0, "<5"), List.of(count(byDay, 0, "contacts.offered"),
        count(byDay, 1, "contacts.offered"), count(byDay, 2, "contacts.offered"), count(byDay, 3, "contacts.offered")));

    JsonObject byWeek = statistics("from=2024-12-30&to=2025-01-05&by=week");
    assertEquals("2025-W01", byWeek.getJsonArray("periods").getJsonObject(0).getString("period"));
    assertEquals(6, count(byWeek, 0, "contacts.offered"), "six contacts in the week, though no day had five");

    JsonObject byMonth = statistics("from=2024-12-15&to=2025-01-31&by=month");
    JsonObject december = byMonth.getJsonArray("periods").getJsonObject(0);
    assertEquals(List.of("2024-12", "2024-12-15", "2024-12-31"),
        List.of(december.getString("period"), december.getString("from"), december.getString("to")),
        "a period is clipped to the range asked for");
    assertEquals(5, count(byMonth, 0, "contacts.offered"));
    assertEquals("<5", count(byMonth, 1, "contacts.offered"));
    assertEquals(7, count(byMonth, 1, "wrapup.category.debt"));
    assertEquals("Europe/Oslo", byMonth.getString("zone"));
  }

  @Test
  void countersAreGroupedForTheReportAndUnknownOnesAreKept() {
    JsonObject report = statistics("from=2025-01-01&to=2025-01-31&by=month");
    Map<String, List<Object>> groups = new java.util.LinkedHashMap<>();
    for (Object g : report.getJsonArray("groups")) {
      groups.put(((JsonObject) g).getString("id"), ((JsonObject) g).getJsonArray("keys").getList());
    }
    assertEquals(List.of("contacts", "chats", "wait", "duration", "callbacks", "tickets", "wrapups", "categories",
        "plissit", "referrals", "sources", "visitor-sources", "helpful", "other"), List.copyOf(groups.keySet()));
    assertEquals(List.of("contacts.offered", "contacts.answered", "contacts.abandoned"), groups.get("contacts"));
    assertEquals(List.of("wait.0-1m", "wait.1-5m", "wait.5-15m", "wait.15-30m", "wait.30-60m", "wait.60m+"),
        groups.get("wait"));
    assertEquals(List.of("duration.0-5m", "duration.5-15m", "duration.15-30m", "duration.30-60m", "duration.60m+"),
        groups.get("duration"));
    assertEquals(List.of("wrapup.category.debt"), groups.get("categories"));
    assertEquals(List.of("wrapup.plissit.permission", "wrapup.plissit.limited-information",
        "wrapup.plissit.specific-suggestions", "wrapup.plissit.intensive-therapy"), groups.get("plissit"));
    assertEquals(List.of("visitor.helpful.yes", "visitor.helpful.partly", "visitor.helpful.no"), groups.get("helpful"));
    assertEquals(List.of("=HYPERLINK(\"x\",1)"), groups.get("other"));
    assertEquals(0, count(report, 0, "wait.60m+"));
  }

  @Test
  void theCsvHasOnePeriodPerRowSuppressedCellsAndNoFormula() {
    HttpResult csv = get("/api/admin/statistics.csv?from=2024-12-01&to=2025-01-31&by=month", admin);
    assertEquals(200, csv.status(), csv.body());
    assertEquals("text/csv; charset=utf-8", csv.headers().get("Content-Type"));
    assertEquals("attachment; filename=\"lytt-statistics-2024-12-01-2025-01-31-month.csv\"",
        csv.headers().get("Content-Disposition"));
    List<String> rows = csv.body().lines().toList();
    assertEquals(3, rows.size(), csv.body());
    List<String> header = List.of(rows.get(0).split(",", -1));
    assertEquals(List.of("period", "from", "to", "contacts.offered"), header.subList(0, 4));
    assertTrue(rows.get(0).endsWith(",\"'=HYPERLINK(\"\"x\"\",1)\""), "a formula-like id is quoted and defused: " + rows.get(0));
    assertTrue(rows.get(1).startsWith("2024-12,2024-12-01,2024-12-31,5,"), rows.get(1));
    assertTrue(rows.get(2).startsWith("2025-01,2025-01-01,2025-01-31,<5,"), rows.get(2));
    assertTrue(rows.get(2).endsWith(",9"), rows.get(2));
    for (String row : rows) {
      for (String cell : row.split(",", -1)) {
        assertTrue(cell.isEmpty() || "=+-@".indexOf(cell.charAt(0)) < 0, "no cell starts a formula: " + cell);
      }
    }
  }

  @Test
  void badRangesAreTypedErrors() {
    for (String query : List.of("to=2025-01-31", "from=2025-01-01", "from=2025-02-01&to=2025-01-31",
        "from=2025-01-01&to=2028-01-01", "from=2025-01-01&to=2025-01-31&by=year", "from=01.01.2025&to=2025-01-31",
        "from=2025-02-30&to=2025-03-01")) {
      for (String path : List.of("/api/admin/statistics?", "/api/admin/statistics.csv?")) {
        HttpResult result = get(path + query, admin);
        assertEquals(400, result.status(), path + query);
        assertEquals("bad_frame", result.json().getString("code"), path + query);
      }
    }
    assertEquals(200, get("/api/admin/statistics?from=2025-01-01&to=2027-12-31&by=month", admin).status(),
        "three whole years are allowed");
  }

  @Test
  void aChatIsCountedWithItsWaitAndLengthAndTheOverviewShowsWhoIsOnDuty() {
    try (ChatClients clients = new ChatClients()) {
      CounsellorClient counsellor = clients.demoOnDuty(server, 2);
      VisitorClient visitor = clients.visitor(server);
      String chatId = ChatClients.startChat(counsellor, visitor);

      JsonObject now = get("/api/admin/overview", admin).json();
      JsonObject demo = now.getJsonArray("counsellors").stream().map(JsonObject.class::cast)
          .filter(c -> c.getString("displayName").equals(Await.of(server.lytt().store().account("demo"))
              .orElseThrow().displayName())).findFirst().orElseThrow();
      assertEquals(new JsonObject().put("displayName", demo.getString("displayName")).put("status", "on")
          .put("chats", 1).put("capacity", 2), demo);
      assertTrue(now.getInteger("chatsRunning") >= 1, now.encode());
      assertEquals(new JsonObject().put("length", 0).put("longestWaitSeconds", 0), now.getJsonObject("queue"));
      assertEquals(new JsonObject().put("open", 0).put("due", 0), now.getJsonObject("callbacks"));
      assertEquals(0, now.getInteger("ticketsWaiting"));

      Await.of(counsellor.end(chatId));
      String today = LocalDate.now(ZoneId.of("Europe/Oslo")).toString();
      Await.until(() -> "<5".equals(count(statistics("from=" + today + "&to=" + today), 0, "duration.0-5m")),
          "the chat's length is counted");
      JsonObject report = statistics("from=" + today + "&to=" + today);
      assertEquals("<5", count(report, 0, "wait.0-1m"));
      assertEquals("<5", count(report, 0, "contacts.answered"));
      assertEquals(0, count(report, 0, "wait.60m+"));
    }
  }

  @Test
  void aCellIsQuotedAndDefusedOnlyWhereNeeded() {
    assertEquals("<5", StatisticsViews.cell("<5"));
    assertEquals("'-1", StatisticsViews.cell("-1"));
    assertEquals("'+x", StatisticsViews.cell("+x"));
    assertEquals("'@x", StatisticsViews.cell("@x"));
    assertEquals("\"a,b\"", StatisticsViews.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", StatisticsViews.cell("say \"hi\""));
    assertEquals("wrapup.category.debt", StatisticsViews.cell("wrapup.category.debt"));
  }
}
