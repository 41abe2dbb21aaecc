package no.lytt.logging;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/** One line per record for a person at a terminal, with libraries' IP addresses removed as in JSON. */
final class TextLogFormatter extends SimpleFormatter {
  @Override
  public String format(LogRecord record) {
    String line = super.format(record);
    return AddressRedaction.applies(record.getLoggerName()) ? AddressRedaction.redact(line) : line;
  }
}
