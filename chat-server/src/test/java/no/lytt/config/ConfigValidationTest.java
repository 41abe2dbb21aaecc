package no.lytt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {

  /** A syntactically valid key: 32 bytes 0x01..0x20. */
  static final String ORG_KEY = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes());

  private static byte[] bytes() {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i + 1);
    }
    return b;
  }

  private static ConfigException rejected(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(env, Optional.empty()));
  }

  @Test
  void messageNamesKeyEnvValueAndExpectation() {
    ConfigException e = rejected(Map.of("LYTT_HTTP_PORT", "abc"));
    assertEquals("Invalid configuration: http.port (env LYTT_HTTP_PORT) = \"abc\": expected an integer 1-65535",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "mode                          | staging     | one of development, production",
      "store                         | postgres    | one of embedded, redis",
      "redis.uri                     | http://x    | a Redis URI",
      "http.host                     | ''          | a host name or IP address",
      "http.port                     | 0           | an integer 1-65535",
      "http.port                     | 65536       | an integer 1-65535",
      "http.public-origin            | lytt.no     | an origin",
      "http.public-origin            | https://lytt.no/chat | an origin",
      "http.allowed-origins          | https://a.no,ftp://b.no | comma-separated origins",
      "http.frame-ancestors          | http://a.no | comma-separated https origins",
      "http.frame-ancestors          | https://a.no/page | comma-separated https origins",
      "http.behind-tls               | yes         | true or false",
      "http.trusted-proxies          | proxy.local | comma-separated IP addresses",
      "http.trusted-proxies          | 10.0.0.256  | comma-separated IP addresses",
      "http.quick-exit-url           | javascript:alert(1) | an absolute http(s) URL or about:blank",
      "http.quick-exit-url           | /elsewhere  | an absolute http(s) URL or about:blank",
      "http.event-loops              | 257         | an integer 0-256",
      "hours.zone                    | Europe/Olso | a time-zone ID",
      "hours.weekly                  | fri=22:00-02:00 | a weekly schedule",
      "hours.exceptions              | 2026-02-30=closed | dated exceptions",
      "hours.holidays                | 1           | true or false",
      "hours.override                | auto        | one of open, closed, schedule",
      "org.public-key                | AAAA        | a 32-byte Ed25519 public key",
      "chat.grace-seconds            | 0           | an integer 1-3600",
      "chat.default-duration-minutes | twenty      | an integer 1-600",
      "limits.frame-bytes            | 1023        | an integer 1024-1048576",
      "limits.messages-per-second    | -1          | an integer 1-1000",
      "limits.burst                  | 1.5         | an integer 1-10000",
      "limits.queue-length           | 0           | an integer 1-100000",
      "limits.max-capacity           | 21          | an integer 1-20",
      "limits.unacked-envelopes      | 0           | an integer 1-65536",
      "limits.connections-per-source | 0           | an integer 1-100000",
      "limits.silent-socket-seconds  | 86401       | an integer 1-86400",
      "limits.http-idle-seconds      | 0           | an integer 1-3600",
      "limits.header-bytes           | 512         | an integer 1024-65536",
      "limits.welcomes-in-flight     | 0           | an integer 1-100000",
      "session.idle-minutes          | 0           | an integer 1-1440",
      "session.absolute-hours        | 169         | an integer 1-168",
      "argon2.memory-kib             | 7           | an integer 8-4194304",
      "argon2.iterations             | 0           | an integer 1-100",
      "argon2.parallelism            | 65          | an integer 1-64",
      "argon2.workers                | 0           | an integer 1-64",
      "login.free-attempts           | 0           | an integer 1-100",
      "login.first-block-seconds     | 3601        | an integer 1-3600",
      "login.max-block-minutes       | 0           | an integer 1-1440",
      "login.spray-failures          | 0           | an integer 1-1000000",
      "login.spray-max-delay-seconds | 61          | an integer 0-60"})
  void everyInvalidValueIsReportedUnderItsKey(String key, String value, String expected) {
    String env = ConfigKey.envName(key);
    ConfigException e = rejected(Map.of(env, value));
    assertEquals(1, e.problems().size(), e.getMessage());
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith(key + " (env " + env + ")"), problem);
    assertTrue(problem.contains(": expected " + expected), problem);
  }

  @Test
  void aLoginBlockCapShorterThanTheFirstBlockIsRefused() {
    ConfigException e = rejected(Map.of("LYTT_LOGIN_FIRST_BLOCK_SECONDS", "600", "LYTT_LOGIN_MAX_BLOCK_MINUTES", "5"));
    assertTrue(e.getMessage().contains("login.max-block-minutes (env LYTT_LOGIN_MAX_BLOCK_MINUTES) = \"5\": "
        + "must not be shorter than login.first-block-seconds (600 s)"), e.getMessage());
  }

  @Test
  void hoursErrorsSayWhatIsWrongWithTheSchedule() {
    ConfigException e = rejected(Map.of("LYTT_HOURS_WEEKLY", "fri=22:00-02:00"));
    assertTrue(e.getMessage().contains("split it as 22:00-24:00 and 00:00-02:00"), e.getMessage());
  }

  @Test
  void allProblemsAreReportedTogether() {
    ConfigException e = rejected(Map.of(
        "LYTT_HTTP_PORT", "abc",
        "LYTT_LIMITS_BURST", "0",
        "LYTT_HOURS_ZONE", "Mars/Olympus",
        "LYTT_MODE", "production"));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Invalid configuration (4 problems):\n  - "), e.getMessage());
    for (String key : List.of("http.port", "limits.burst", "hours.zone", "org.public-key")) {
      assertTrue(e.getMessage().contains("\n  - " + key + " ("), key + " in " + e.getMessage());
    }
  }

  @Test
  void productionWithoutOrganisationKeyIsRejectedWithInstructions() {
    ConfigException e = rejected(Map.of("LYTT_MODE", "production"));
    assertEquals("Invalid configuration: org.public-key (not set; env LYTT_ORG_PUBLIC_KEY): required when "
        + "mode = production; set org.public-key (or LYTT_ORG_PUBLIC_KEY) to the organisation's Ed25519 "
        + "public key, base64url without padding", e.getMessage());
  }

  @Test
  void productionWithOrganisationKeyStarts() {
    LyttConfig config = ConfigLoader.load(Map.of("LYTT_MODE", "production", "LYTT_ORG_PUBLIC_KEY", ORG_KEY),
        Optional.empty());
    assertTrue(config.isProduction());
    assertEquals(Optional.of(ORG_KEY), config.org().publicKey());
    assertEquals(32, config.org().publicKeyBytes().orElseThrow().length);
  }

  @Test
  void organisationKeyMustBeCanonicalUnpaddedBase64url() {
    rejected(Map.of("LYTT_ORG_PUBLIC_KEY", ORG_KEY + "="));
    String standardAlphabet = ORG_KEY.replace('-', '+').replace('_', '/');
    if (!standardAlphabet.equals(ORG_KEY)) {
      rejected(Map.of("LYTT_ORG_PUBLIC_KEY", standardAlphabet));
    }
    // Same 32 bytes, but the two unused low bits of the last character are set.
    char last = ORG_KEY.charAt(42);
    String nonCanonical = ORG_KEY.substring(0, 42) + (char) (last + 1);
    ConfigException e = rejected(Map.of("LYTT_ORG_PUBLIC_KEY", nonCanonical));
    assertTrue(e.getMessage().contains("not canonical"), e.getMessage());
  }

  @Test
  void redisStoreNeedsAUriAndNeverPrintsIt() {
    ConfigException missing = rejected(Map.of("LYTT_STORE", "redis"));
    assertEquals("Invalid configuration: redis.uri (not set; env LYTT_REDIS_URI): required when store = redis",
        missing.getMessage());
    ConfigException bad = rejected(Map.of("LYTT_REDIS_URI", "http://:hunter2@redis"));
    assertFalse(bad.getMessage().contains("hunter2"), bad.getMessage());
    assertTrue(bad.getMessage().contains("<hidden, 21 characters>"), bad.getMessage());
    LyttConfig config = ConfigLoader.load(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", "rediss://:hunter2@redis:6380"),
        Optional.empty());
    assertEquals(StoreConfig.Kind.REDIS, config.store().kind());
    assertFalse(config.toString().contains("hunter2"), config.toString());
  }

  @Test
  void aManagementListenerBeyondLoopbackNeedsATokenThatIsNeverPrinted() {
    ConfigException open = rejected(Map.of("LYTT_MANAGEMENT_PORT", "9100", "LYTT_MANAGEMENT_HOST", "0.0.0.0"));
    assertTrue(open.getMessage().contains("management.host (env LYTT_MANAGEMENT_HOST) = \"0.0.0.0\": "
        + "a management listener beyond loopback requires management.token"), open.getMessage());
    ConfigException shortToken = rejected(Map.of("LYTT_MANAGEMENT_TOKEN", "hunter2"));
    assertFalse(shortToken.getMessage().contains("hunter2"), shortToken.getMessage());
    String token = "t".repeat(32);
    LyttConfig config = ConfigLoader.load(Map.of("LYTT_MANAGEMENT_PORT", "9100", "LYTT_MANAGEMENT_HOST", "10.0.0.5",
        "LYTT_MANAGEMENT_TOKEN", token), Optional.empty());
    assertFalse(config.ops().managementOnLoopback());
    assertFalse(config.toString().contains(token), config.toString());
  }

  @Test
  void idleTimeoutMayNotOutlastTheAbsoluteLimit() {
    ConfigException e = rejected(Map.of("LYTT_SESSION_IDLE_MINUTES", "180", "LYTT_SESSION_ABSOLUTE_HOURS", "2"));
    assertEquals("Invalid configuration: session.idle-minutes (env LYTT_SESSION_IDLE_MINUTES) = \"180\": "
        + "must not exceed session.absolute-hours (2 h)", e.getMessage());
  }

  @Test
  void originsAreNormalisedAndThePublicOneIsAlwaysAllowed() throws Exception {
    LyttConfig config = ConfigLoader.load(Map.of(
        "LYTT_HTTP_PUBLIC_ORIGIN", "HTTPS://Lytt.Example.no:443",
        "LYTT_HTTP_ALLOWED_ORIGINS", " https://admin.example.no:8443 , ,https://lytt.example.no",
        "LYTT_HTTP_TRUSTED_PROXIES", "10.0.0.1, ::1"), Optional.empty());
    assertEquals("https://lytt.example.no", config.http().publicOrigin());
    assertEquals(List.of("https://lytt.example.no", "https://admin.example.no:8443"), config.http().allowedOrigins());
    assertEquals(List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("::1")),
        config.http().trustedProxies());
  }

  @Test
  void frameAncestorsAreNormalisedHttpsOrigins() {
    LyttConfig config = ConfigLoader.load(Map.of(
        "LYTT_HTTP_FRAME_ANCESTORS", "HTTPS://www.Example.no:443/, https://intranet.example.no:8443,https://www.example.no"),
        Optional.empty());
    assertEquals(List.of("https://www.example.no", "https://intranet.example.no:8443"), config.http().frameAncestors());
  }

  @Test
  void argon2MemoryFloorsDependOnLanesAndMode() {
    assertEquals(1024, ConfigLoader.load(Map.of("LYTT_ARGON2_MEMORY_KIB", "1024"), Optional.empty()).argon2().memoryKib());
    ConfigException lanes = rejected(Map.of("LYTT_ARGON2_MEMORY_KIB", "16", "LYTT_ARGON2_PARALLELISM", "4"));
    assertEquals("Invalid configuration: argon2.memory-kib (env LYTT_ARGON2_MEMORY_KIB) = \"16\": must be at least "
        + "8 KiB per lane (argon2.parallelism = 4)", lanes.getMessage());
    ConfigException production = rejected(Map.of("LYTT_MODE", "production", "LYTT_ORG_PUBLIC_KEY", ORG_KEY,
        "LYTT_ARGON2_MEMORY_KIB", "1024"));
    assertTrue(production.getMessage().contains("argon2.memory-kib (env LYTT_ARGON2_MEMORY_KIB) = \"1024\": "
        + "must be at least 19456 in production"), production.getMessage());
    ConfigException cheap = rejected(Map.of("LYTT_MODE", "production", "LYTT_ORG_PUBLIC_KEY", ORG_KEY,
        "LYTT_ARGON2_MEMORY_KIB", "19456", "LYTT_ARGON2_ITERATIONS", "1"));
    assertTrue(cheap.getMessage().contains("argon2.iterations (env LYTT_ARGON2_ITERATIONS) = \"1\": "
        + "memory-kib x iterations must be at least 38912 in production"), cheap.getMessage());
    assertEquals(47104, ConfigLoader.load(Map.of("LYTT_MODE", "production", "LYTT_ORG_PUBLIC_KEY", ORG_KEY,
        "LYTT_ARGON2_MEMORY_KIB", "47104", "LYTT_ARGON2_ITERATIONS", "1"), Optional.empty()).argon2().memoryKib(),
        "OWASP's one-pass setting is allowed");
  }

  @Test
  void quickExitMayBeBlank() {
    assertEquals("about:blank",
        ConfigLoader.load(Map.of("LYTT_HTTP_QUICK_EXIT_URL", "about:blank"), Optional.empty()).http().quickExitUrl());
  }

  @Test
  void eventLoopsZeroMeansOnePerCore() {
    assertEquals(3, ConfigLoader.load(Map.of("LYTT_HTTP_EVENT_LOOPS", "3"), Optional.empty()).http().eventLoops());
    assertEquals(Runtime.getRuntime().availableProcessors(),
        ConfigLoader.load(Map.of("LYTT_HTTP_EVENT_LOOPS", "0"), Optional.empty()).http().eventLoops());
  }

  @Test
  void defaultPublicOriginFollowsThePort() {
    LyttConfig config = ConfigLoader.load(Map.of("LYTT_HTTP_PORT", "9000"), Optional.empty());
    assertEquals("http://localhost:9000", config.http().publicOrigin());
  }
}
