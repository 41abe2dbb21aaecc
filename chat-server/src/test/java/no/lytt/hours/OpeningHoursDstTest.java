package no.lytt.hours;

import static no.lytt.hours.Times.hours;
import static no.lytt.hours.Times.offset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Clock changes in Oslo: 2027-03-28 02:00 CET jumps to 03:00 CEST (that day is also Easter Sunday,
 * so the exceptions below double as "exception beats holiday"); 2026-10-25 03:00 CEST falls back
 * to 02:00 CET.
 */
class OpeningHoursDstTest {

  private static final LocalDate SPRING = LocalDate.of(2027, 3, 28);
  private static final LocalDate AUTUMN = LocalDate.of(2026, 10, 25);

  @Test
  void springForwardShortensAnIntervalAcrossTheGap() {
    OpeningHours night = hours("", "2027-03-28=01:00-04:00");
    OpenSpan span = night.day(SPRING).spans().get(0);
    assertEquals(Duration.ofHours(2), Duration.between(span.start(), span.end()));
    assertTrue(night.isOpen(offset("2027-03-28T01:59:59+01:00")));
    assertTrue(night.isOpen(offset("2027-03-28T03:00:00+02:00")));
    assertFalse(night.isOpen(offset("2027-03-28T04:00:00+02:00")));
    assertEquals(Optional.of(ZonedDateTime.parse("2027-03-28T04:00+02:00[Europe/Oslo]")),
        night.currentClosing(offset("2027-03-28T01:30+01:00")));
  }

  @Test
  void springForwardIntervalInsideTheGapDoesNotExist() {
    OpeningHours gap = hours("", "2027-03-28=02:00-03:00;2027-03-29=17:00-18:00");
    DayHours day = gap.day(SPRING);
    assertEquals(List.of(Interval.parse("02:00-03:00")), day.intervals());
    assertTrue(day.isClosed());
    assertFalse(gap.isOpen(offset("2027-03-28T01:00Z")));
    assertEquals(Optional.of(ZonedDateTime.parse("2027-03-29T17:00+02:00[Europe/Oslo]")),
        gap.nextOpening(offset("2027-03-28T00:00+01:00")));
  }

  @Test
  void springForwardStartInsideTheGapMovesLaterByTheGap() {
    OpenSpan span = hours("", "2027-03-28=02:30-04:00").day(SPRING).spans().get(0);
    assertEquals(ZonedDateTime.parse("2027-03-28T03:30+02:00[Europe/Oslo]"), span.start());
  }

  @Test
  void springForwardEveWithMidnightEnd() {
    OpenSpan span = hours("sat=20:00-24:00", "").day(SPRING.minusDays(1)).spans().get(0);
    assertEquals(ZonedDateTime.parse("2027-03-28T00:00+01:00[Europe/Oslo]"), span.end());
  }

  @Test
  void fallBackLengthensAnIntervalAcrossTheRepeatedHour() {
    OpeningHours night = hours("sun=01:00-04:00", "");
    OpenSpan span = night.day(AUTUMN).spans().get(0);
    assertEquals(ZonedDateTime.parse("2026-10-25T01:00+02:00[Europe/Oslo]"), span.start());
    assertEquals(Duration.ofHours(4), Duration.between(span.start(), span.end()));
    assertTrue(night.isOpen(offset("2026-10-25T02:30+02:00")));
    assertTrue(night.isOpen(offset("2026-10-25T02:30+01:00")));
    assertFalse(night.isOpen(offset("2026-10-25T04:00+01:00")));
  }

  @Test
  void fallBackIntervalInTheRepeatedHourCoversBothOccurrences() {
    // 02:00 resolves to its first occurrence (CEST), 03:00 exists once (CET): the wall clock shows
    // 02:00-03:00 twice and the line is open through both.
    OpeningHours night = hours("sun=02:00-03:00", "");
    OpenSpan span = night.day(AUTUMN).spans().get(0);
    assertEquals(Duration.ofHours(2), Duration.between(span.start(), span.end()));
    assertTrue(night.isOpen(offset("2026-10-25T02:15+02:00")));
    assertTrue(night.isOpen(offset("2026-10-25T02:45+01:00")));
  }

  @Test
  void ordinaryEveningsAroundTheChangeKeepTheirWallClockTimes() {
    OpeningHours defaults = OpeningHours.defaults();
    assertEquals(Optional.of(ZonedDateTime.parse("2026-10-26T17:00+01:00[Europe/Oslo]")),
        defaults.nextOpening(offset("2026-10-22T23:00+02:00")));
    // Friday 26 March 2027 is Good Friday and Monday 29 is Easter Monday: Tuesday, in summer time.
    assertEquals(Optional.of(ZonedDateTime.parse("2027-03-30T17:00+02:00[Europe/Oslo]")),
        defaults.nextOpening(offset("2027-03-26T12:00+01:00")));
  }
}
