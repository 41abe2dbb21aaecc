package no.lytt.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a node is watched and stopped: the management listener, where metrics are served, the log,
 * and the graceful drain.
 *
 * @param managementPort {@code management.port}: port of the management listener ({@code /metrics},
 *     {@code /log-level}); 0 means none
 * @param managementHost {@code management.host}: address it binds to; loopback unless a token is set
 * @param managementToken {@code management.token}: bearer token the management listener requires
 *     for every request; empty means none, allowed only on loopback
 * @param metricsOnMainPort {@code metrics.on-main-port}: also serve {@code /metrics} on the public
 *     port, for a proxy that blocks the path itself
 * @param logFormat {@code log.format}: one JSON object per line, or plain text for a terminal
 * @param logLevel {@code log.level}: the level at start; changeable at run time
 * @param drainSeconds {@code drain.deadline-seconds}: the longest a stopping node waits for its
 *     clients to move to another node
 */
public record OpsConfig(int managementPort, String managementHost, String managementToken,
    boolean metricsOnMainPort, LogFormat logFormat, LogLevel logLevel, int drainSeconds) {

  /** How log records are written to standard error. */
  public enum LogFormat { JSON, TEXT }

  /** The levels an operator chooses from, coarsest last; {@code debug} is never needed in production. */
  public enum LogLevel { ERROR, WARNING, INFO, DEBUG;

    /** Parses {@code warning}, {@code INFO}, …; empty when the text names no level. */
    public static java.util.Optional<LogLevel> parse(String text) {
      for (LogLevel level : values()) {
        if (level.name().equalsIgnoreCase(text.strip())) {
          return java.util.Optional.of(level);
        }
      }
      return java.util.Optional.empty();
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final ConfigKey MANAGEMENT_PORT = ConfigKey.of("management.port", "0",
      "Port of the management listener (0-65535) serving /metrics (Prometheus text format) and "
          + "/log-level; 0 means no management listener. Never reachable from the internet: see management.host.");
  static final ConfigKey MANAGEMENT_HOST = ConfigKey.of("management.host", "127.0.0.1",
      "Address the management listener binds to. Loopback (127.0.0.1, ::1) by default, for a Prometheus "
          + "on the same machine; any other address requires management.token.");
  static final ConfigKey MANAGEMENT_TOKEN = ConfigKey.secret("management.token", "",
      "Bearer token (at least 32 characters) the management listener then requires for every request "
          + "(Authorization: Bearer ...); required when it is bound beyond loopback. Empty: no token, so "
          + "whoever can reach loopback on the host can read metrics and change the log level.");
  static final ConfigKey METRICS_ON_MAIN_PORT = ConfigKey.of("metrics.on-main-port", "false",
      "true also serves /metrics on http.port. Only behind a proxy that refuses /metrics from outside; "
          + "the metrics carry no personal data but do show how busy the service is.");
  static final ConfigKey LOG_FORMAT = ConfigKey.of("log.format", "json",
      "json (one JSON object per line: time, level, logger, message, conn where there is one) or text.");
  static final ConfigKey LOG_LEVEL = ConfigKey.of("log.level", "info",
      "error, warning, info or debug: the level at start. Changed at run time with PUT /log-level on the "
          + "management listener.");
  static final ConfigKey DRAIN_SECONDS = ConfigKey.of("drain.deadline-seconds", "30",
      "On SIGTERM the node stops taking new connections, asks its clients to reconnect to another node, and "
          + "exits when they have moved or after this many seconds (1-3600). Keep it below the stop timeout of "
          + "systemd or the container runtime.");
  static final List<ConfigKey> KEYS = List.of(MANAGEMENT_PORT, MANAGEMENT_HOST, MANAGEMENT_TOKEN,
      METRICS_ON_MAIN_PORT, LOG_FORMAT, LOG_LEVEL, DRAIN_SECONDS);

  static OpsConfig read(Settings settings) {
    int port = settings.integer(MANAGEMENT_PORT, 0, 65535);
    String host = settings.parsed(MANAGEMENT_HOST, "an IP address", text -> WebAddresses.ip(text).getHostAddress());
    String token = settings.parsed(MANAGEMENT_TOKEN, "empty or at least 32 characters", text -> {
      if (!text.isEmpty() && text.length() < 32) {
        throw new IllegalArgumentException();
      }
      return text;
    });
    OpsConfig ops = new OpsConfig(port, host, token, settings.bool(METRICS_ON_MAIN_PORT),
        settings.choice(LOG_FORMAT, LogFormat.class), settings.choice(LOG_LEVEL, LogLevel.class),
        settings.integer(DRAIN_SECONDS, 1, 3600));
    if (port != 0 && token.isEmpty() && !ops.managementOnLoopback()) {
      settings.problem(MANAGEMENT_HOST, "a management listener beyond loopback requires management.token");
    }
    return ops;
  }

  public boolean managementOnLoopback() {
    return WebAddresses.ip(managementHost).isLoopbackAddress();
  }

  public Duration drainDeadline() {
    return Duration.ofSeconds(drainSeconds);
  }

  @Override
  public String toString() {
    return "OpsConfig[managementPort=" + managementPort + ", managementHost=" + managementHost
        + ", managementToken=" + (managementToken.isEmpty() ? "" : "<hidden>") + ", metricsOnMainPort="
        + metricsOnMainPort + ", logFormat=" + logFormat + ", logLevel=" + logLevel + ", drainSeconds="
        + drainSeconds + "]";
  }
}
