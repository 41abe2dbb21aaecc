package no.lytt.stats;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;

/**
 * Which days a report covers, both included, and how it groups them. Three years at most: room for
 * a yearly report set against the two before it, while one request stays a bounded read.
 */
public record StatisticsQuery(LocalDate from, LocalDate to, Period by) {
  public static final int MAX_YEARS = 3;

  /** From the query string; any problem is a {@code bad_frame} naming the parameter. */
  public static StatisticsQuery parse(String from, String to, String by) {
    LocalDate start = date("from", from);
    LocalDate end = date("to", to);
    Period period = by == null || by.isEmpty() ? Period.DAY : Period.fromWire(by)
        .orElseThrow(() -> bad("Parameter 'by' must be day, week or month."));
    if (end.isBefore(start)) {
      throw bad("Parameter 'from' must not be after 'to'.");
    }
    if (end.isAfter(start.plusYears(MAX_YEARS).minusDays(1))) {
      throw bad("A report covers at most " + MAX_YEARS + " years.");
    }
    return new StatisticsQuery(start, end, period);
  }

  private static LocalDate date(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw bad("Parameter '" + name + "' is required (YYYY-MM-DD).");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw bad("Parameter '" + name + "' must be a date as YYYY-MM-DD.");
    }
  }

  private static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_FRAME, message);
  }
}
