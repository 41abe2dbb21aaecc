package no.lytt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigKeyTest {

  @ParameterizedTest
  @CsvSource({
      "http.port, LYTT_HTTP_PORT",
      "hours.override, LYTT_HOURS_OVERRIDE",
      "http.public-origin, LYTT_HTTP_PUBLIC_ORIGIN",
      "chat.default-duration-minutes, LYTT_CHAT_DEFAULT_DURATION_MINUTES",
      "mode, LYTT_MODE"})
  void envNameUpperCasesAndTurnsDotsAndDashesIntoUnderscores(String key, String env) {
    assertEquals(env, ConfigKey.envName(key));
  }

  @Test
  void namesAndEnvNamesAreUnique() {
    List<ConfigKey> keys = LyttConfig.keys();
    Set<String> names = new HashSet<>();
    Set<String> envNames = new HashSet<>();
    for (ConfigKey key : keys) {
      assertEquals(true, names.add(key.name()), key.name());
      assertEquals(true, envNames.add(key.envName()), key.envName());
      assertFalse(key.description().isBlank(), key.name());
    }
    assertFalse(envNames.contains(ConfigLoader.CONFIG_PATH_ENV));
  }

  @Test
  void everyKeyIsListedOnce() {
    assertEquals(List.of("mode", "store", "redis.uri", "redis.topology", "redis.durable-uri", "redis.durable-topology",
        "redis.timeout-ms", "http.host", "http.port", "http.public-origin",
        "http.allowed-origins", "http.frame-ancestors", "http.behind-tls", "http.trusted-proxies",
        "http.quick-exit-url", "http.event-loops", "hours.zone", "hours.weekly",
        "hours.exceptions", "hours.holidays", "hours.override", "hours.check-millis", "org.public-key",
        "org.dev-key-file", "chat.grace-seconds", "chat.default-duration-minutes", "limits.frame-bytes",
        "limits.messages-per-second", "limits.burst", "limits.queue-length", "limits.max-capacity",
        "limits.unacked-envelopes", "limits.connections-per-source", "limits.silent-socket-seconds",
        "limits.http-idle-seconds", "limits.header-bytes", "limits.welcomes-in-flight", "session.idle-minutes",
        "session.absolute-hours", "session.check-seconds", "argon2.memory-kib",
        "argon2.iterations", "argon2.parallelism", "argon2.workers", "login.free-attempts",
        "login.first-block-seconds", "login.max-block-minutes", "login.spray-failures",
        "login.spray-max-delay-seconds", "management.port", "management.host", "management.token",
        "metrics.on-main-port", "log.format", "log.level", "drain.deadline-seconds",
        "callbacks.expiry-days", "callbacks.max-attempts",
        "callbacks.retry-minutes", "callbacks.claim-minutes", "tickets.claim-minutes",
        "limits.code-failures-per-hour", "limits.requests-per-source-per-hour", "queue.reminder-seconds"),
        LyttConfig.keys().stream().map(ConfigKey::name).toList());
  }
}
