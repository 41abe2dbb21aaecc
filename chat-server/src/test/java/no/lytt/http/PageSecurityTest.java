package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.lytt.support.Await;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a browser is told about the pages and everything they load: subresource integrity that
 * matches the bytes actually served, and the same strict headers on every kind of response.
 */
@Timeout(60)
class PageSecurityTest {
  private static final Pattern TAG = Pattern.compile("<(script|link)\\b[^>]*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("\\b([a-z]+)=\"([^\"]*)\"");
  private static TestServer server;
  private static HttpClientAgent http;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
    http = server.vertx().createHttpClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- subresource integrity --------------------------------------------------------------------

  @Test
  void everyScriptStyleSheetAndModulePreloadCarriesTheSha384OfTheBytesServedAtItsUrl() {
    for (String page : List.of("/", "/console")) {
      List<Map<String, String>> tags = tags(new String(get(page), java.nio.charset.StandardCharsets.UTF_8));
      int checked = 0;
      for (Map<String, String> tag : tags) {
        boolean script = tag.get("").equals("script");
        String rel = tag.getOrDefault("rel", "");
        if (!script && !rel.equals("stylesheet") && !rel.equals("modulepreload")) {
          continue;
        }
        String url = script ? tag.get("src") : tag.get("href");
        assertNotNull(url, page + ": " + tag);
        assertEquals(Subresources.sha384(get(url)), tag.get("integrity"),
            page + ": the integrity of " + url + " is that of the bytes served there");
        checked++;
      }
      assertTrue(checked >= 3, page + ": its module, its nomodule fallback and its style sheet");
    }
  }

  @Test
  void theModulesTheVisitorPageLoadsLaterAreListedWithTheSha384OfTheBytesServed() {
    String page = new String(get("/"), java.nio.charset.StandardCharsets.UTF_8);
    Matcher meta = Pattern.compile("<meta name=\"lytt-module\" data-for=\"([^\"]+)\" content=\"(\\S+) (\\S+)\">")
        .matcher(page);
    Map<String, List<String>> listed = new java.util.HashMap<>();
    while (meta.find()) {
      assertEquals(Subresources.sha384(get(meta.group(2))), meta.group(3), "the integrity of " + meta.group(2));
      listed.computeIfAbsent(meta.group(1), k -> new ArrayList<>()).add(meta.group(2));
    }
    assertTrue(listed.get("/js/ui/visitor-chat.js").containsAll(List.of("/js/ui/visitor-chat.js", "/js/ui/chat-view.js")),
        "the chat's parts: " + listed);
    assertTrue(listed.get("/js/crypto/index.js").containsAll(List.of("/js/crypto/index.js", "/js/crypto/hpke.js")),
        "the crypto module and what it imports: " + listed);
    assertFalse(listed.get("/js/crypto/index.js").contains("/js/crypto/support.js"),
        "what the page loads at once is not listed again");
  }

  @Test
  void eachPagePreloadsItsModulesStaticImportsBeforeTheModuleSoTheyAreCheckedToo() {
    Map<String, List<String>> expected = Map.of(
        "/", List.of("/js/crypto/support.js", "/js/i18n/index.js", "/js/transport/visitor.js", "/js/ui/dom.js"),
        "/console", List.of("/js/crypto/index.js", "/js/crypto/hpke.js", "/js/transport/console.js"));
    for (var e : expected.entrySet()) {
      List<String> preloads = new ArrayList<>();
      // A page may have several module scripts (the visitor page's socket has one of its own): each
      // one's preloads stand right before it, so none may trail the last.
      int sinceModule = 0;
      for (Map<String, String> tag : tags(new String(get(e.getKey()), java.nio.charset.StandardCharsets.UTF_8))) {
        if ("modulepreload".equals(tag.get("rel"))) {
          preloads.add(tag.get("href"));
          sinceModule++;
        } else if ("module".equals(tag.get("type"))) {
          sinceModule = 0;
        }
      }
      assertEquals(0, sinceModule, e.getKey() + ": preloads come before the module that imports them");
      assertTrue(preloads.containsAll(e.getValue()), e.getKey() + " preloads " + preloads);
      assertEquals(preloads.size(), preloads.stream().distinct().count(), e.getKey() + ": each module once");
    }
  }

  // ---- headers ----------------------------------------------------------------------------------

  @Test
  void everyKindOfResponseCarriesTheStrictHeadersAndNoHstsOnPlainHttp() {
    Map<String, HttpMethod> responses = Map.of("/", HttpMethod.GET, "/console", HttpMethod.GET,
        "/api/status", HttpMethod.GET, "/api/me", HttpMethod.GET, "/js/ui/visitor.js", HttpMethod.GET,
        "/css/lytt.css", HttpMethod.GET, "/health", HttpMethod.GET, "/no/such/file.js", HttpMethod.GET,
        "/api/nothing-here", HttpMethod.POST);
    for (var r : responses.entrySet()) {
      HttpResult result = server.request(r.getValue(), r.getKey(), null, r.getValue() == HttpMethod.POST ? "{}" : null);
      MultiMap h = result.headers();
      String what = r.getValue() + " " + r.getKey() + " (" + result.status() + ")";
      assertEquals("no-store", h.get("Cache-Control"), what + ": nothing kept on a shared computer");
      assertEquals("nosniff", h.get("X-Content-Type-Options"), what);
      assertEquals("no-referrer", h.get("Referrer-Policy"), what);
      assertEquals(SecurityHeaders.PERMISSIONS_POLICY, h.get("Permissions-Policy"), what);
      String csp = h.get("Content-Security-Policy");
      assertNotNull(csp, what);
      assertTrue(csp.contains("script-src 'self';"), what + ": " + csp);
      assertFalse(csp.contains("unsafe-"), what + ": " + csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), what + ": by default no page may frame ours");
      assertNull(h.get("Strict-Transport-Security"), what + ": no HSTS over plain HTTP");
    }
    assertEquals(200, server.request(HttpMethod.GET, "/js/ui/visitor.js", null, null).status());
    assertTrue(server.request(HttpMethod.GET, "/js/ui/visitor.js", null, null).headers().get("Content-Type")
        .startsWith("text/javascript"), "a script is served as one, which nosniff then insists on");
  }

  @Test
  void thePermissionsPolicyTurnsOffEveryPowerfulFeatureAndAdProfiling() {
    Set<String> off = Arrays.stream(SecurityHeaders.PERMISSIONS_POLICY.split(", "))
        .filter(d -> d.endsWith("=()")).map(d -> d.substring(0, d.length() - 3)).collect(Collectors.toSet());
    assertEquals(SecurityHeaders.PERMISSIONS_POLICY.split(", ").length, off.size(), "every directive is =()");
    assertTrue(off.containsAll(List.of("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort",
        "browsing-topics", "display-capture", "serial", "hid", "bluetooth")), off.toString());
  }

  @Test
  void behindTlsEveryResponseAsksForHttpsAndTheConfiguredSitesMayFrameThePages() {
    try (TestServer tls = TestServer.start(Map.of("LYTT_HTTP_BEHIND_TLS", "true",
        "LYTT_HTTP_FRAME_ANCESTORS", "https://www.example.no, https://intranet.example.no:8443"))) {
      for (String path : List.of("/", "/api/status", "/js/ui/visitor.js")) {
        MultiMap h = tls.request(HttpMethod.GET, path, null, null).headers();
        assertEquals("max-age=63072000; includeSubDomains", h.get("Strict-Transport-Security"), path);
        String csp = h.get("Content-Security-Policy");
        assertTrue(csp.endsWith("frame-ancestors https://www.example.no https://intranet.example.no:8443"),
            path + ": " + csp);
        assertFalse(csp.contains("'none'; frame") || csp.contains("frame-ancestors 'self'"), csp);
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** Each script or link tag's attributes, with the tag name under "". */
  private static List<Map<String, String>> tags(String html) {
    List<Map<String, String>> tags = new ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      Map<String, String> attributes = new java.util.HashMap<>();
      attributes.put("", tag.group(1));
      Matcher a = ATTRIBUTE.matcher(tag.group());
      while (a.find()) {
        attributes.put(a.group(1), a.group(2));
      }
      tags.add(attributes);
    }
    return tags;
  }

  /** The exact bytes served at a path (the test server's text helper decodes them). */
  private static byte[] get(String path) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
        .setURI(path);
    Buffer body = Await.of(http.request(o).compose(req -> req.send().compose(resp -> {
      assertEquals(200, resp.statusCode(), path);
      return resp.body();
    })));
    return body.getBytes();
  }
}
