package no.lytt.hours;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Walks the opening spans forwards from a date, joining spans that touch, and stops at the first
 * joined span a caller wants.
 *
 * <p>Joining is what makes {@code thu=23:00-24:00;fri=00:00-02:00} one opening that closes at
 * 02:00 rather than a closing at midnight followed by an "opening" at the same instant. A joined
 * span is offered only once it is complete — the next span does not touch it, or it ends before
 * the horizon — so a caller never mistakes the horizon for a closing time.
 */
final class SpanWalk {

  /** How far ahead to look: more than a year, so an annual closure still has a next opening. */
  static final int HORIZON_DAYS = 400;

  private final HoursCalendar calendar;

  SpanWalk(HoursCalendar calendar) {
    this.calendar = calendar;
  }

  /** The first complete joined span, starting from {@code from}, that {@code wanted} accepts. */
  Optional<OpenSpan> first(LocalDate from, Predicate<OpenSpan> wanted) {
    OpenSpan pending = null;
    for (int i = 0; i < HORIZON_DAYS; i++) {
      for (OpenSpan span : calendar.day(from.plusDays(i)).spans()) {
        if (pending != null && pending.touches(span)) {
          pending = pending.joinedWith(span);
          continue;
        }
        if (pending != null && wanted.test(pending)) {
          return Optional.of(pending);
        }
        pending = span;
      }
    }
    ZonedDateTime horizon = from.plusDays(HORIZON_DAYS).atStartOfDay(calendar.zone());
    if (pending != null && pending.end().isBefore(horizon) && wanted.test(pending)) {
      return Optional.of(pending);
    }
    return Optional.empty();
  }
}
