package no.lytt.logging;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines about one connection, carrying its correlation id: 48 random bits made when the socket
 * opens, so an operator can follow one connection through the log. It is derived from nothing
 * about the person (no address, token or name) and is not kept anywhere else, so it cannot be
 * joined with anything outside the log.
 */
public final class ConnectionLog {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Logger logger;
  private final CorrelationId id;

  public ConnectionLog(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    this.id = new CorrelationId(HexFormat.of().formatHex(bytes));
  }

  public String id() {
    return id.value();
  }

  public void log(Level level, String message) {
    log(level, message, null);
  }

  /** @param message Lytt's own words: never a frame, token, address or anything a client sent */
  public void log(Level level, String message, Throwable thrown) {
    java.util.logging.Level jul = LogLevels.toJul(level);
    if (!logger.isLoggable(jul)) {
      return;
    }
    LogRecord record = new LogRecord(jul, message);
    record.setLoggerName(logger.getName());
    record.setParameters(new Object[] {id});
    record.setThrown(thrown);
    logger.log(record);
  }

  /** Marks a log record's parameter as the correlation id, for the JSON formatter to pick out. */
  public record CorrelationId(String value) {
    @Override
    public String toString() {
      return value;
    }
  }
}
