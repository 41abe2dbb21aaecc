package no.lytt.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.lytt.metrics.LyttMetrics;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container image, the compose file, the systemd unit and the nginx sites, checked without
 * running them (there is no container engine where the tests run): each keeps the properties
 * docs/operations.md promises — non-root, read-only, a JRE only, a health check, two nodes, Redis
 * persistence where it belongs and nowhere else, WebSocket upgrades through the proxy, hardening,
 * sane JVM defaults, a stop timeout longer than the drain, and no secret written into any of them.
 */
class DeploymentFilesTest {
  private static final Path OPS = Path.of("..", "ops");
  /** drain.deadline-seconds' default: every stop timeout must be longer. */
  private static final int DRAIN_SECONDS = 30;

  @Test
  void theImageBuildsInTwoStagesAndRunsAJreAsANonRootUserWithAHealthCheck() throws IOException {
    Dockerfile file = Dockerfile.read(OPS.resolve("container/Dockerfile"));
    List<String> from = file.all("FROM");
    assertTrue(from.size() >= 2, "multi-stage: " + from);
    assertTrue(from.get(0).contains("maven") && from.get(0).contains(" AS build"), from.get(0));
    String runtime = from.get(from.size() - 1);
    assertTrue(runtime.matches("eclipse-temurin:\\d+-jre\\b.*"), "JRE only: " + runtime);
    List<String> finalStage = file.lastStage();
    String user = Dockerfile.last(finalStage, "USER");
    assertNotNull(user, "the runtime stage names a user");
    String uid = user.split(":")[0];
    assertFalse(uid.equals("0") || uid.equals("root"), user);
    assertNotNull(Dockerfile.last(finalStage, "HEALTHCHECK"));
    assertTrue(Dockerfile.last(finalStage, "HEALTHCHECK").contains("/health"));
    assertTrue(finalStage.stream().anyMatch(l -> l.startsWith("COPY --from=build")), "the jar comes from the build stage");
    assertTrue(Dockerfile.last(finalStage, "ENTRYPOINT").contains("exec java $LYTT_JAVA_OPTS -jar"),
        "java replaces the shell, so SIGTERM reaches it");
    String env = String.join(" ", Dockerfile.all(finalStage, "ENV"));
    for (String flag : List.of("-XX:MaxRAMPercentage=", "-XX:ActiveProcessorCount=", "-XX:+ExitOnOutOfMemoryError",
        "-XX:+UseG1GC", "-XX:-UsePerfData")) {
      assertTrue(env.contains(flag), flag);
    }
    assertEquals("SIGTERM", Dockerfile.last(finalStage, "STOPSIGNAL"));
    for (String line : file.instructions()) {
      assertNoSecret(line);
    }
    // The build context is the repository: only sources may enter it, never the secrets beside compose.yaml.
    List<String> ignore = Files.readAllLines(OPS.resolve("container/Dockerfile.dockerignore"));
    assertEquals("**", ignore.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElse(""));
    assertFalse(ignore.stream().anyMatch(l -> l.startsWith("!ops")), "nothing of ops/ enters the build");
  }

  @Test
  void composeRunsTwoReadOnlyNonRootNodesTwoRedisServersAndATlsProxy() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(OPS.resolve("container/compose.yaml")));
    Map<String, Object> services = map(compose.get("services"));
    for (String node : List.of("lytt-a", "lytt-b")) {
      Map<String, Object> s = map(services.get(node));
      assertEquals(true, s.get("read_only"), node);
      assertFalse(String.valueOf(s.get("user")).startsWith("0"), node);
      assertTrue(String.valueOf(s.get("tmpfs")).contains("/tmp"), node);
      assertEquals(List.of("ALL"), s.get("cap_drop"), node);
      assertTrue(String.valueOf(s.get("security_opt")).contains("no-new-privileges:true"), node);
      assertNotNull(map(s.get("healthcheck")).get("test"), node);
      assertTrue(seconds(String.valueOf(s.get("stop_grace_period"))) > DRAIN_SECONDS, "stop timeout beyond the drain");
      assertFalse(s.containsKey("ports"), node + " is reached only through the proxy");
      Map<String, Object> env = map(s.get("environment"));
      assertEquals("redis", env.get("LYTT_STORE"));
      assertEquals("production", env.get("LYTT_MODE"));
      assertEquals("127.0.0.1", env.get("LYTT_MANAGEMENT_HOST"), "metrics stay inside the container");
      assertNotNull(s.get("env_file"), "Redis URIs with passwords come from a file, not from here");
      assertNotNull(s.get("build"), node + " is built from the Dockerfile");
    }
    List<String> ephemeral = strings(map(services.get("redis-ephemeral")).get("command"));
    assertTrue(ephemeral.containsAll(List.of("--save", "", "--appendonly", "no")), "nothing on disk: " + ephemeral);
    assertFalse(map(services.get("redis-ephemeral")).containsKey("volumes"));
    Map<String, Object> durable = map(services.get("redis-durable"));
    String durableCommand = String.join(" ", strings(durable.get("command")));
    assertTrue(durableCommand.contains("--appendonly yes") && durableCommand.contains("--appendfsync always"),
        durableCommand);
    assertTrue(String.valueOf(durable.get("volumes")).contains(":/data"), "persistence on a volume");

    Map<String, Object> proxy = map(services.get("proxy"));
    assertTrue(String.valueOf(proxy.get("ports")).contains("443:443"));
    assertTrue(String.valueOf(proxy.get("volumes")).contains("./nginx.conf:"), "the site below");
    assertNginxSite(Files.readString(OPS.resolve("container/nginx.conf")), List.of("lytt-a:8080", "lytt-b:8080"));
    assertTrue(Files.readString(OPS.resolve("container/nginx.conf")).contains("location = /metrics"));

    for (Object secret : map(compose.get("secrets")).values()) {
      assertNotNull(map(secret).get("file"), "secrets are files next to the compose file");
    }
    walk(compose, DeploymentFilesTest::assertNoSecret);
  }

  @Test
  void theNginxSiteWithoutContainersUpgradesWebSocketsAndKeepsNoAccessLog() throws IOException {
    assertNginxSite(Files.readString(OPS.resolve("nginx/lytt.conf")), List.of("127.0.0.1:8081", "127.0.0.1:8082"));
  }

  @Test
  void theSystemdUnitIsHardenedAndOutwaitsTheDrain() throws Exception {
    Path unit = OPS.resolve("systemd/lytt.service");
    Map<String, List<String>> keys = new java.util.HashMap<>();
    for (String line : Files.readAllLines(unit)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        keys.computeIfAbsent(line.substring(0, eq).trim(), k -> new ArrayList<>()).add(line.substring(eq + 1).trim());
      }
    }
    assertTrue(keys.containsKey("DynamicUser") || keys.containsKey("User"), "never root");
    assertEquals(List.of("yes"), keys.getOrDefault("DynamicUser", List.of("yes")));
    for (String[] kv : new String[][] {{"ProtectSystem", "strict"}, {"NoNewPrivileges", "yes"}, {"PrivateTmp", "yes"},
        {"ProtectHome", "yes"}, {"PrivateDevices", "yes"}, {"CapabilityBoundingSet", ""}, {"RestrictSUIDSGID", "yes"},
        {"KillSignal", "SIGTERM"}}) {
      assertEquals(List.of(kv[1]), keys.get(kv[0]), kv[0]);
    }
    assertFalse(keys.containsKey("MemoryDenyWriteExecute"), "the JIT needs writable code");
    assertTrue(seconds(keys.get("TimeoutStopSec").get(0)) > DRAIN_SECONDS);
    String exec = keys.get("ExecStart").get(0);
    for (String flag : List.of("-Xmx", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-jar /opt/lytt/")) {
      assertTrue(exec.contains(flag), flag);
    }
    Files.readAllLines(unit).forEach(DeploymentFilesTest::assertNoSecret);

    // systemd's own checker, where it is installed (it needs the ExecStart binary to exist).
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze) && Files.isExecutable(Path.of("/usr/bin/java")), "systemd-analyze");
    Path copy = Files.createTempDirectory("lytt-unit-").resolve("lytt.service");
    Files.copy(unit, copy);
    Process p = new ProcessBuilder(analyze.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains(copy.getFileName().toString() + ":"), "no warnings about the unit: " + out);
  }

  @Test
  void theDashboardUsesOnlySeriesANodeExposes() throws IOException {
    JsonObject dashboard = new JsonObject(Files.readString(OPS.resolve("grafana/lytt-dashboard.json")));
    String exposed = new LyttMetrics().scrape();
    java.util.Set<String> used = new java.util.TreeSet<>();
    Matcher names = Pattern.compile("lytt_[a-z_]+").matcher(dashboard.encode());
    while (names.find()) {
      used.add(names.group());
    }
    assertTrue(used.size() >= 10, "the dashboard shows the service: " + used);
    for (String name : used) {
      String family = name.replaceAll("_(bucket|sum|count)$", "");
      assertTrue(exposed.contains("# TYPE " + family + " "), name + " is not a series Lytt exposes");
    }
  }

  @Test
  void theStartScriptHasJvmDefaults() throws IOException {
    String run = Files.readString(OPS.resolve("run.sh"));
    assertTrue(run.contains("-XX:+ExitOnOutOfMemoryError") && run.contains("-Xmx"), run);
  }

  private static void assertNginxSite(String conf, List<String> upstreams) {
    for (String required : List.of("proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;", "map $http_upgrade $connection_upgrade",
        "access_log off;", "ssl_certificate ", "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_read_timeout 1h;", "http_503")) {
      assertTrue(conf.contains(required), "nginx site lacks " + required);
    }
    for (String upstream : upstreams) {
      assertTrue(conf.contains("server " + upstream), upstream);
    }
    assertFalse(conf.contains("$proxy_add_x_forwarded_for"), "set, never appended");
  }

  /** No password, token or key written into a deployment file: they come from files and secrets. */
  private static void assertNoSecret(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    assertFalse(lower.matches(".*rediss?://[^\\s\"]*:[^\\s\"@]+@.*"), "credentials in a URI: " + text);
    assertFalse(lower.matches(".*(password|token|secret|private_key)[a-z_]*\\s*[=:]\\s*[\"']?[a-z0-9+/]{8,}.*"),
        "a secret written inline: " + text);
    assertFalse(lower.contains("requirepass"), text);
    assertFalse(lower.contains("lytt_org_public_key="), "the organisation key belongs in the env file: " + text);
  }

  @SuppressWarnings("unchecked")
  private static void walk(Object node, java.util.function.Consumer<String> check) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        check.accept(k + "=" + v);
        walk(v, check);
      });
    } else if (node instanceof List<?> l) {
      l.forEach(v -> walk(v, check));
    } else if (node != null) {
      check.accept(node.toString());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertTrue(o instanceof Map, "expected a mapping: " + o);
    return (Map<String, Object>) o;
  }

  private static List<String> strings(Object o) {
    assertTrue(o instanceof List, "expected a list: " + o);
    return ((List<?>) o).stream().map(String::valueOf).toList();
  }

  /** "45s", "1m30s", "45" → seconds. */
  private static long seconds(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    return t.matches("\\d+") ? Long.parseLong(t) : Duration.parse("PT" + t.toUpperCase(java.util.Locale.ROOT)).toSeconds();
  }
}
