package no.lytt.hours;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one date looks like: the wall-clock intervals that apply, the same placed in real time,
 * any public holiday, and which rule decided.
 *
 * <p>{@code intervals} are what a page prints ("17:00–22:00"); {@code spans} are what code
 * compares against now. They differ only on a clock-change night, where an interval inside the
 * skipped hour has no span.
 *
 * @param date the local date in the line's time zone
 * @param intervals the wall-clock intervals in force, sorted; empty when closed
 * @param spans the intervals resolved to real time; touching intervals are not joined here
 * @param holidays the public holidays on this date, open or not
 * @param source the rule that decided the intervals
 */
public record DayHours(LocalDate date, List<Interval> intervals, List<OpenSpan> spans,
    List<Holiday> holidays, Source source) {

  /** Which rule set a day's hours, so an admin page can explain an unexpected closure. */
  public enum Source {
    /** The regular weekly schedule. */
    WEEKLY,
    /** Closed because of a public holiday. */
    HOLIDAY,
    /** A dated exception, which wins over both of the others. */
    EXCEPTION
  }

  public DayHours {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(source, "source");
    intervals = List.copyOf(intervals);
    spans = List.copyOf(spans);
    holidays = List.copyOf(holidays);
  }

  /** True when the line does not open at all on this date. */
  public boolean isClosed() {
    return spans.isEmpty();
  }

  /** The Norwegian holiday name, both joined on the rare date that has two. */
  public Optional<String> holidayName() {
    if (holidays.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(holidays.stream().map(Holiday::norwegianName).collect(Collectors.joining(" / ")));
  }
}
