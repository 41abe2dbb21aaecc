package no.lytt.logging;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time} (UTC, ISO 8601), {@code level}, {@code logger},
 * {@code message}, {@code conn} (a connection's random correlation id, where there is one) and
 * {@code error} (the stack trace, where there is one). Log shippers read it without a parser of
 * their own, and a message can never break out of its line. Libraries' lines lose any IP address
 * ({@link AddressRedaction}).
 */
public final class JsonLogFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    boolean redact = AddressRedaction.applies(record.getLoggerName());
    String message = formatMessage(record);
    JsonObject line = new JsonObject()
        .put("time", Instant.ofEpochMilli(record.getMillis()).toString())
        .put("level", LogLevels.name(record.getLevel()))
        .put("logger", record.getLoggerName())
        .put("message", redact ? AddressRedaction.redact(message) : message);
    Object[] params = record.getParameters();
    if (params != null) {
      for (Object p : params) {
        if (p instanceof ConnectionLog.CorrelationId id) {
          line.put("conn", id.value());
        }
      }
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("error", redact ? AddressRedaction.redact(trace.toString()) : trace.toString());
    }
    return line.encode() + "\n";
  }
}
