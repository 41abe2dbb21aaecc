package no.lytt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import no.lytt.hours.DatedExceptions;
import no.lytt.hours.WeeklySchedule;
import org.junit.jupiter.api.Test;

class ConfigDefaultsTest {

  private final LyttConfig config = LyttConfig.defaults();

  @Test
  void modeAndStore() {
    assertEquals(LyttConfig.Mode.DEVELOPMENT, config.mode());
    assertFalse(config.isProduction());
    assertEquals(new StoreConfig(StoreConfig.Kind.EMBEDDED, "", StoreConfig.Topology.STANDALONE, 800), config.store());
  }

  @Test
  void http() {
    HttpConfig http = config.http();
    assertEquals("0.0.0.0", http.host());
    assertEquals(8080, http.port());
    assertEquals("http://localhost:8080", http.publicOrigin());
    assertEquals(List.of("http://localhost:8080"), http.allowedOrigins());
    assertEquals(List.of(), http.frameAncestors(), "no page may frame ours");
    assertFalse(http.behindTls());
    assertEquals(List.of(), http.trustedProxies());
    assertEquals("https://www.yr.no/", http.quickExitUrl());
    assertEquals(Runtime.getRuntime().availableProcessors(), http.eventLoops());
  }

  @Test
  void hours() {
    HoursConfig hours = config.hours();
    assertEquals(ZoneId.of("Europe/Oslo"), hours.zone());
    assertEquals(WeeklySchedule.DEFAULT, hours.weekly());
    assertEquals(DatedExceptions.NONE, hours.exceptions());
    assertTrue(hours.closedOnHolidays());
    assertEquals(no.lytt.hours.Override.SCHEDULE, hours.override());
    assertEquals(5000, hours.checkMillis());
    // Monday 2 March 2026, 18:00 in Oslo.
    assertTrue(hours.openingHours().isOpen(Instant.parse("2026-03-02T17:00:00Z")));
  }

  @Test
  void orgChatLimitsSessionArgon2() {
    assertEquals(new OrgConfig(Optional.empty(), Path.of("./lytt-dev-org.key")), config.org());
    assertEquals(new ChatConfig(120, 20), config.chat());
    assertEquals(Duration.ofSeconds(120), config.chat().grace());
    assertEquals(Duration.ofMinutes(20), config.chat().defaultDuration());
    assertEquals(new LimitsConfig(16384, 20, 40, 500, 4, 256, 50, 600, 60, 8192, 200), config.limits());
    assertEquals(new SessionConfig(60, 12, 30), config.session());
    assertEquals(Duration.ofHours(12), config.session().absolute());
    assertEquals(new Argon2Config(131072, 4, 1, 2), config.argon2());
    assertEquals(new LoginConfig(5, 60, 15, 30, 10), config.login());
    assertEquals(new CallbacksConfig(7, 3, 60, 30, 30, 20, 10), config.callbacks());
    assertEquals(Duration.ofDays(7), config.callbacks().expiry());
    assertEquals(new QueueConfig(120), config.queue());
  }

  @Test
  void operationsKeepManagementOffAndMetricsOffThePublicPort() {
    assertEquals(new OpsConfig(0, "127.0.0.1", "", false, OpsConfig.LogFormat.JSON, OpsConfig.LogLevel.INFO, 30),
        config.ops());
    assertTrue(config.ops().managementOnLoopback());
    assertEquals(Duration.ofSeconds(30), config.ops().drainDeadline());
  }
}
