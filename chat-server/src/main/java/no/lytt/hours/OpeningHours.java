package no.lytt.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * When the line is open: the weekly schedule, dated exceptions, Norwegian public holidays and the
 * supervisor's {@link Override}, evaluated in one time zone.
 *
 * <p>Every question takes an {@link Instant} — callers pass {@code clock.instant()} — so tests move
 * time instead of waiting. Intervals are wall-clock times of the zone; see
 * {@link Interval#on} for what happens on clock-change nights. Immutable: a changed override is a
 * new instance from {@link #withOverride}.
 */
public final class OpeningHours {

  /** The zone of a Norwegian line, and the default. */
  public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private final HoursCalendar calendar;
  private final SpanWalk walk;
  private final Override override;

  /**
   * @param closedOnHolidays whether public holidays close the line (a dated exception wins anyway)
   */
  public OpeningHours(WeeklySchedule weekly, DatedExceptions exceptions, boolean closedOnHolidays,
      Override override, ZoneId zone) {
    this(new HoursCalendar(weekly, exceptions, closedOnHolidays, zone), override);
  }

  private OpeningHours(HoursCalendar calendar, Override override) {
    this.calendar = calendar;
    this.walk = new SpanWalk(calendar);
    this.override = Objects.requireNonNull(override, "override");
  }

  /** The default week in Oslo, closed on holidays, following the schedule. */
  public static OpeningHours defaults() {
    return new OpeningHours(WeeklySchedule.DEFAULT, DatedExceptions.NONE, true, Override.SCHEDULE, OSLO);
  }

  public OpeningHours withOverride(Override newOverride) {
    return new OpeningHours(calendar, newOverride);
  }

  public Override override() {
    return override;
  }

  public ZoneId zone() {
    return calendar.zone();
  }

  /** Open at that instant: the override if set, else whether a planned interval contains it. */
  public boolean isOpen(Instant now) {
    return switch (override) {
      case OPEN -> true;
      case CLOSED -> false;
      case SCHEDULE -> {
        LocalDate today = today(now);
        yield openDuring(today.minusDays(1), now) || openDuring(today, now);
      }
    };
  }

  /**
   * The next time the line opens, strictly after {@code now}. When open now, that is the opening
   * after the current one closes (what a visitor who arrives too late needs), with touching
   * intervals across midnight counted as one opening. Empty when no planned opening lies within
   * about 400 days, and under any override — an override has no end, so no planned opening is
   * a promise.
   */
  public Optional<ZonedDateTime> nextOpening(Instant now) {
    if (override != Override.SCHEDULE) {
      return Optional.empty();
    }
    return walk.first(today(now).minusDays(1), span -> span.start().toInstant().isAfter(now))
        .map(OpenSpan::start);
  }

  /**
   * When the current opening ends, joining touching intervals; empty when closed now, under any
   * override, or when the line stays open past the 400-day horizon.
   */
  public Optional<ZonedDateTime> currentClosing(Instant now) {
    if (override != Override.SCHEDULE) {
      return Optional.empty();
    }
    return walk.first(today(now).minusDays(1), span -> span.end().toInstant().isAfter(now))
        .filter(span -> span.contains(now))
        .map(OpenSpan::end);
  }

  /**
   * The seven dates from today (in the line's zone) with their planned hours. The override is
   * deliberately not applied: it says nothing about next Tuesday, so pages show it next to the
   * week, from {@link #override()}.
   */
  public List<DayHours> week(Instant now) {
    return days(now, 7);
  }

  /** As {@link #week} for any number of dates from today, for an administrator's preview. */
  public List<DayHours> days(Instant now, int count) {
    LocalDate today = today(now);
    return IntStream.range(0, count).mapToObj(i -> calendar.day(today.plusDays(i))).toList();
  }

  /** The planned hours of any one date, for an admin page checking an exception or a holiday. */
  public DayHours day(LocalDate date) {
    return calendar.day(date);
  }

  private boolean openDuring(LocalDate date, Instant now) {
    return calendar.day(date).spans().stream().anyMatch(span -> span.contains(now));
  }

  private LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, calendar.zone());
  }
}
