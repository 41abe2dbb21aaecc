package no.lytt.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** How a report groups days: by day, by ISO week (Monday to Sunday) or by calendar month. */
public enum Period {
  DAY, WEEK, MONTH;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Period> fromWire(String text) {
    for (Period p : values()) {
      if (p.wire().equals(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first day of the period {@code day} falls in. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** The first day of the next period, for a period starting at {@code start}. */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
  }

  /** "2026-11-23", "2026-W48" (the ISO week-based year, which differs around New Year) or "2026-11". */
  public String label(LocalDate start) {
    return switch (this) {
      case DAY -> start.toString();
      case WEEK -> String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
          start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> start.toString().substring(0, 7);
    };
  }
}
