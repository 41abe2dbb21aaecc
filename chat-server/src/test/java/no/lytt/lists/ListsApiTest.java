package no.lytt.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.lytt.support.Counsellors;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The administrators' lists over HTTP on a real node: a fresh node has default categories and
 * sources; administrators add, edit, retire and restore entries with ids the server makes;
 * consoles and visitors see only what may be chosen; counsellors may not change anything.
 */
@Timeout(60)
class ListsApiTest {
  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
    admin = server.login("admin", TestServer.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResult post(String cookie, String uri, JsonObject body) {
    return server.request(HttpMethod.POST, uri, cookie, body.encode());
  }

  private static JsonObject lists(String cookie, String uri) {
    HttpResult r = server.request(HttpMethod.GET, uri, cookie, null);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static List<String> ids(JsonArray entries) {
    return entries.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void aFreshNodeHasDefaultCategoriesAndSourcesInBothLanguages() {
    JsonObject all = lists(admin, "/api/admin/lists");
    assertEquals(List.of("categories", "sources", "referrals", "canned"), List.copyOf(all.fieldNames()));
    assertTrue(ids(all.getJsonArray("sources")).containsAll(List.of("search-engine", "friend", "health-service",
        "social-media", "other")));
    JsonObject first = all.getJsonArray("categories").getJsonObject(0);
    assertEquals(List.of("id", "en", "nb", "retired").stream().sorted().toList(),
        first.fieldNames().stream().sorted().toList());
    assertFalse(first.getString("nb").isEmpty());
    assertFalse(first.getString("en").isEmpty());
  }

  @Test
  void anAdministratorAddsEditsRetiresAndRestoresAReferral() {
    HttpResult added = post(admin, "/api/admin/lists/referrals", new JsonObject().put("name", "Støttesenter Øst")
        .put("offers", "Samtaler").put("contact", "22 00 00 00").put("web", "https://example.org/ost"));
    assertEquals(201, added.status(), added.body());
    String id = added.json().getString("id");
    assertEquals("stottesenter-ost", id, "ids are slugs the server makes from the name");
    assertEquals(new JsonObject().put("id", id).put("contact", "22 00 00 00").put("name", "Støttesenter Øst")
        .put("offers", "Samtaler").put("web", "https://example.org/ost").put("retired", false), added.json());

    HttpResult twin = post(admin, "/api/admin/lists/referrals", new JsonObject().put("name", "Støttesenter øst"));
    assertEquals(id + "-2", twin.json().getString("id"), "a second entry of the same name gets its own id");

    HttpResult edited = post(admin, "/api/admin/lists/referrals/" + id + "/edit", new JsonObject()
        .put("name", "Støttesenter Øst og Vest").put("offers", "").put("contact", "").put("web", ""));
    assertEquals(200, edited.status(), edited.body());
    assertEquals(id, edited.json().getString("id"), "editing keeps the id, and so every counter under it");

    assertEquals(200, post(admin, "/api/admin/lists/referrals/" + id + "/retire", new JsonObject()).status());
    assertTrue(ids(lists(admin, "/api/admin/lists").getJsonArray("referrals")).contains(id),
        "a retired entry stays listed for administration and statistics");
    String counsellor = server.login(Counsellors.create(server, "lists"), Counsellors.PASSWORD);
    assertFalse(ids(lists(counsellor, "/api/console/lists").getJsonArray("referrals")).contains(id),
        "a retired entry is no longer offered to consoles");

    assertEquals(200, post(admin, "/api/admin/lists/referrals/" + id + "/restore", new JsonObject()).status());
    assertTrue(ids(lists(counsellor, "/api/console/lists").getJsonArray("referrals")).contains(id));
  }

  @Test
  void entriesAreCheckedBeforeTheyAreKept() {
    record Case(String list, JsonObject body, String why) {
    }
    for (Case c : List.of(
        new Case("referrals", new JsonObject().put("name", "X").put("web", "http://example.org"), "web must be https"),
        new Case("referrals", new JsonObject().put("name", "X").put("web", "javascript:alert(1)"), "web must be https"),
        new Case("referrals", new JsonObject().put("name", " "), "a name is required"),
        new Case("referrals", new JsonObject().put("name", "x".repeat(121)), "a name is short"),
        new Case("canned", new JsonObject().put("title", "Hei").put("text", "x".repeat(4001)).put("language", "nb"),
            "a canned text is at most 4000 characters"),
        new Case("canned", new JsonObject().put("title", "Hei").put("text", "Hei").put("language", "sv"), "nb or en"),
        new Case("categories", new JsonObject().put("nb", "Lov").put("en", 7), "fields are text"),
        new Case("sources", new JsonObject().put("nb", "Radio"), "both languages"))) {
      HttpResult r = post(admin, "/api/admin/lists/" + c.list(), c.body());
      assertEquals(400, r.status(), c.why());
      assertEquals("bad_frame", r.json().getString("code"), c.why());
    }
    HttpResult badEdit = post(admin, "/api/admin/lists/sources/friend/edit", new JsonObject().put("nb", "Venn"));
    assertEquals("bad_frame", badEdit.json().getString("code"), "an edit is checked like a new entry");
    assertEquals(404, post(admin, "/api/admin/lists/recipes", new JsonObject().put("name", "X")).status());
    assertEquals(404, post(admin, "/api/admin/lists/sources/no-such-id/retire", new JsonObject()).status());
  }

  @Test
  void aCounsellorReadsChoicesButChangesNothing() {
    String counsellor = server.login(Counsellors.create(server, "role"), Counsellors.PASSWORD);
    for (String[] route : List.of(new String[] {"GET", "/api/admin/lists"},
        new String[] {"POST", "/api/admin/lists/canned"},
        new String[] {"POST", "/api/admin/lists/sources/friend/retire"})) {
      HttpResult r = server.request(HttpMethod.valueOf(route[0]), route[1], counsellor, "{}");
      assertEquals(403, r.status(), route[1]);
      assertEquals("forbidden", r.json().getString("code"));
      assertEquals(401, server.request(HttpMethod.valueOf(route[0]), route[1], null, "{}").status());
    }
    assertEquals(401, server.request(HttpMethod.GET, "/api/console/lists", null, null).status());
    HttpResult canned = post(admin, "/api/admin/lists/canned", new JsonObject().put("title", "Welcome")
        .put("text", "Hi, and welcome.\nWhat would you like to talk about?").put("language", "en"));
    assertEquals(201, canned.status(), canned.body());
    JsonObject choices = lists(counsellor, "/api/console/lists");
    assertTrue(choices.getJsonArray("canned").contains(canned.json()));
  }

  @Test
  void theVisitorsPageReadsTheSourcesWithoutASession() {
    HttpResult added = post(admin, "/api/admin/lists/sources", new JsonObject().put("nb", "Radio").put("en", "Radio"));
    assertEquals("radio", added.json().getString("id"));
    assertTrue(ids(lists(null, "/api/sources").getJsonArray("sources")).contains("radio"));
    post(admin, "/api/admin/lists/sources/radio/retire", new JsonObject());
    JsonObject pub = lists(null, "/api/sources");
    assertFalse(ids(pub.getJsonArray("sources")).contains("radio"));
    assertEquals(List.of("sources"), List.copyOf(pub.fieldNames()), "the public endpoint shows sources only");
  }
}
