package no.lytt.hours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the hours of a single date. Precedence, highest first: a dated exception, then a public
 * holiday (when holidays close the line), then the weekly schedule. An exception wins over a
 * holiday so that staffing one Christmas Day needs one line of configuration, not turning all
 * holidays off.
 */
final class HoursCalendar {

  private final WeeklySchedule weekly;
  private final DatedExceptions exceptions;
  private final boolean closedOnHolidays;
  private final ZoneId zone;

  HoursCalendar(WeeklySchedule weekly, DatedExceptions exceptions, boolean closedOnHolidays, ZoneId zone) {
    this.weekly = Objects.requireNonNull(weekly, "weekly");
    this.exceptions = Objects.requireNonNull(exceptions, "exceptions");
    this.closedOnHolidays = closedOnHolidays;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  ZoneId zone() {
    return zone;
  }

  DayHours day(LocalDate date) {
    List<Holiday> holidays = NorwegianHolidays.on(date);
    Optional<List<Interval>> exception = exceptions.on(date);
    if (exception.isPresent()) {
      return resolve(date, exception.get(), holidays, DayHours.Source.EXCEPTION);
    }
    if (closedOnHolidays && !holidays.isEmpty()) {
      return resolve(date, List.of(), holidays, DayHours.Source.HOLIDAY);
    }
    return resolve(date, weekly.intervals(date.getDayOfWeek()), holidays, DayHours.Source.WEEKLY);
  }

  private DayHours resolve(LocalDate date, List<Interval> intervals, List<Holiday> holidays, DayHours.Source source) {
    List<OpenSpan> spans = intervals.stream().flatMap(i -> i.on(date, zone).stream()).toList();
    return new DayHours(date, intervals, spans, holidays, source);
  }
}
