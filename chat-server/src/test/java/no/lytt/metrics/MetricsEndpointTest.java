package no.lytt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real chat with the reference client on a node with Redis, then a scrape of the management
 * listener: every series an operator's dashboard uses is there with plausible values, and nothing
 * that names or follows a person is — no token, address, username, id or message text.
 */
class MetricsEndpointTest {
  private static final String TEXT = "a sentence that must never reach a metric";
  private RedisServer redis;
  private TestServer node;
  private int managementPort;
  private final ChatClients clients = new ChatClients();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    redis = RedisServer.launch();
    managementPort = TestServer.freePort();
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open", "LYTT_MANAGEMENT_PORT", Integer.toString(managementPort)));
  }

  @AfterEach
  void stop() {
    clients.close();
    node.close();
    redis.close();
  }

  @Test
  void aScrapeAfterARealChatHasEverySeriesAndNoPersonalData() throws Exception {
    assertEquals(401, node.request(HttpMethod.POST, "/api/login", null,
        "{\"username\":\"demo\",\"password\":\"not the password\"}").status());
    CounsellorClient counsellor = clients.demoOnDuty(node, 2);
    VisitorClient waiting = clients.visitor(node);
    VisitorClient visitor = clients.visitor(node);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(waiting.join("woman", "en"));
    Await.of(visitor.send(TEXT));
    assertEquals(TEXT, Await.of(counsellor.nextMessage(chatId)).text());
    Await.of(counsellor.send(chatId, TEXT + " (reply)"));
    Await.of(visitor.nextMessage());
    Await.of(visitor.transport().sendRaw("not json"));
    Await.of(visitor.frames().next("error"));

    // The queue and chat gauges are sampled from the store every few seconds.
    Await.until(() -> value(scrape(), "lytt_queue_length") == 1 && value(scrape(), "lytt_chats_running") == 1,
        "the sampled gauges to show one waiting and one chatting");
    String text = scrape();

    assertEquals(2, value(text, "lytt_connections{kind=\"visitor\"}"));
    assertEquals(1, value(text, "lytt_connections{kind=\"console\"}"));
    assertEquals(1, value(text, "lytt_queue_wait_seconds_count"));
    assertEquals(1, value(text, "lytt_queue_wait_seconds_bucket{le=\"+Inf\"}"));
    assertTrue(value(text, "lytt_envelopes_relayed_total{direction=\"to_counsellor\"}") >= 1, text);
    assertTrue(value(text, "lytt_envelopes_relayed_total{direction=\"to_visitor\"}") >= 1, text);
    assertTrue(value(text, "lytt_envelope_bytes_total{direction=\"to_counsellor\"}") >= 256, "padded to 256 bytes");
    assertTrue(value(text, "lytt_redis_command_seconds_count") > 10, text);
    assertTrue(text.contains("# TYPE lytt_redis_command_errors_total counter"), text);
    assertEquals(1, value(text, "lytt_protocol_errors_total{code=\"bad_json\"}"));
    assertEquals(1, value(text, "lytt_logins_total{result=\"ok\"}"));
    assertEquals(1, value(text, "lytt_logins_total{result=\"failed\"}"));
    assertEquals(0, value(text, "lytt_draining"));
    assertTrue(value(text, "lytt_jvm_heap_bytes{area=\"used\"}") > 0);

    List<String> secrets = new ArrayList<>(List.of(TEXT, "demo", TestServer.DEMO_PASSWORD, "127.0.0.1", "localhost",
        chatId, visitor.resumeToken(), waiting.resumeToken(), counsellor.deviceId(), "Mozilla", "Vert.x"));
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "the scrape contains " + secret);
    }
    // Every label value comes from a fixed vocabulary: lower-case words, digits, or a command name.
    Matcher labels = Pattern.compile("\\w+=\"([^\"]*)\"").matcher(text);
    while (labels.find()) {
      assertTrue(labels.group(1).matches("[a-z_]+|[A-Z]+|[0-9.+Inf]+"), "label value " + labels.group(1));
    }
  }

  @Test
  void metricsStayOffThePublicPortUnlessAskedFor() throws Exception {
    assertEquals(404, node.request(HttpMethod.GET, "/metrics", null, null).status());
    try (TestServer open = TestServer.start(Map.of("LYTT_METRICS_ON_MAIN_PORT", "true"))) {
      TestServer.HttpResult r = open.request(HttpMethod.GET, "/metrics", null, null);
      assertEquals(200, r.status());
      assertTrue(r.headers().get("Content-Type").startsWith("text/plain; version=0.0.4"));
      assertTrue(r.body().contains("# TYPE lytt_connections gauge"));
    }
  }

  @Test
  void aTokenGuardsTheManagementListener() throws Exception {
    String token = "m".repeat(40);
    int port = TestServer.freePort();
    Map<String, String> env = new HashMap<>(Map.of("LYTT_MANAGEMENT_PORT", Integer.toString(port),
        "LYTT_MANAGEMENT_TOKEN", token));
    try (TestServer guarded = TestServer.start(env)) {
      URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
      assertEquals(401, http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(401, http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token + "x").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(200, http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  private String scrape() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
          + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      return r.body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The value of the series written exactly as {@code series} (name and labels), or -1 if absent. */
  static double value(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        String v = line.substring(series.length() + 1);
        return "+Inf".equals(v) ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
      }
    }
    return -1;
  }
}
