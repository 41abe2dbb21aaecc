package no.lytt.logging;

import java.util.logging.Level;
import java.util.logging.Logger;
import no.lytt.config.OpsConfig.LogLevel;

/**
 * The log level of a running node. Lytt's own loggers (all under {@code lytt}) follow the chosen
 * level exactly; libraries (Vert.x, Netty, Lettuce) are held at {@code info} or coarser, because
 * their debug output is voluminous and may quote what a client sent.
 */
public final class LogLevels {
  private static final String LYTT = "lytt";
  /** Held here so JUL's weak references do not let the configured logger be collected and reset. */
  private static final Logger LYTT_LOGGER = Logger.getLogger(LYTT);

  private LogLevels() {
  }

  public static void set(LogLevel level) {
    LYTT_LOGGER.setLevel(toJul(level));
    Level library = level.compareTo(LogLevel.INFO) > 0 ? Level.INFO : toJul(level);
    Logger.getLogger("").setLevel(library);
  }

  public static LogLevel current() {
    Level level = LYTT_LOGGER.getLevel();
    if (level == null) {
      level = Logger.getLogger("").getLevel();
    }
    int v = level == null ? Level.INFO.intValue() : level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return LogLevel.ERROR;
    }
    if (v >= Level.WARNING.intValue()) {
      return LogLevel.WARNING;
    }
    return v >= Level.INFO.intValue() ? LogLevel.INFO : LogLevel.DEBUG;
  }

  static Level toJul(LogLevel level) {
    return switch (level) {
      case ERROR -> Level.SEVERE;
      case WARNING -> Level.WARNING;
      case INFO -> Level.INFO;
      case DEBUG -> Level.FINE;
    };
  }

  static Level toJul(System.Logger.Level level) {
    return switch (level) {
      case ALL -> Level.ALL;
      case TRACE -> Level.FINER;
      case DEBUG -> Level.FINE;
      case INFO -> Level.INFO;
      case WARNING -> Level.WARNING;
      case ERROR -> Level.SEVERE;
      case OFF -> Level.OFF;
    };
  }

  /** The name an operator reads in a JSON line: error, warning, info, debug, trace. */
  static String name(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (v >= Level.WARNING.intValue()) {
      return "warning";
    }
    if (v >= Level.INFO.intValue()) {
      return "info";
    }
    return v >= Level.FINE.intValue() ? "debug" : "trace";
  }
}
