package no.lytt.hours;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Dates whose hours differ from the week: closed ({@code 2026-12-24=closed}) or open at their own
 * times ({@code 2026-12-23=10:00-14:00}). An exception replaces the whole day and wins over a
 * public holiday, so a supervisor can staff Christmas Day without turning holidays off.
 */
public record DatedExceptions(Map<LocalDate, List<Interval>> dates) {

  /** No exceptions. */
  public static final DatedExceptions NONE = new DatedExceptions(Map.of());

  public DatedExceptions {
    TreeMap<LocalDate, List<Interval>> copy = new TreeMap<>();
    dates.forEach((date, intervals) -> copy.put(date, List.copyOf(intervals)));
    dates = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Parses {@code 2026-12-24=closed;2026-12-23=10:00-14:00}; a date given twice is refused.
   *
   * @throws IllegalArgumentException naming the part that could not be read
   */
  public static DatedExceptions parse(String text) {
    Map<LocalDate, List<Interval>> dates = new TreeMap<>();
    for (Entries.Entry entry : Entries.split(text)) {
      LocalDate date = date(entry.key());
      if (dates.containsKey(date)) {
        throw new IllegalArgumentException("date " + date + " is given twice");
      }
      dates.put(date, Entries.intervals(entry.value()));
    }
    return new DatedExceptions(dates);
  }

  /** The intervals for that date if it is an exception (empty list: closed all day). */
  public Optional<List<Interval>> on(LocalDate date) {
    return Optional.ofNullable(dates.get(date));
  }

  @java.lang.Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(";");
    dates.forEach((date, intervals) -> joiner.add(date + "=" + Interval.format(intervals)));
    return joiner.toString();
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a date like 2026-12-24", e);
    }
  }
}
