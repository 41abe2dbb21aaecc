package no.lytt.hours;

import static no.lytt.hours.Times.hours;
import static no.lytt.hours.Times.oslo;
import static no.lytt.hours.Times.osloZoned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

  private final OpeningHours defaults = OpeningHours.defaults();

  @Test
  void startIsInclusiveAndEndExclusive() {
    assertEquals(DayOfWeek.MONDAY, LocalDate.of(2026, 3, 2).getDayOfWeek());
    assertFalse(defaults.isOpen(oslo("2026-03-02T16:59:59.999")));
    assertTrue(defaults.isOpen(oslo("2026-03-02T17:00")));
    assertTrue(defaults.isOpen(oslo("2026-03-02T21:59:59.999")));
    assertFalse(defaults.isOpen(oslo("2026-03-02T22:00")));
  }

  @Test
  void closingAndNextOpeningAroundAnOpening() {
    Clock clock = Clock.fixed(oslo("2026-03-02T18:00"), OpeningHours.OSLO);
    assertEquals(Optional.of(osloZoned("2026-03-02T22:00")), defaults.currentClosing(clock.instant()));
    // Open now: the next opening is the one after this evening's closes.
    assertEquals(Optional.of(osloZoned("2026-03-03T17:00")), defaults.nextOpening(clock.instant()));

    Instant beforeOpening = oslo("2026-03-02T16:00");
    assertEquals(Optional.empty(), defaults.currentClosing(beforeOpening));
    assertEquals(Optional.of(osloZoned("2026-03-02T17:00")), defaults.nextOpening(beforeOpening));
    assertEquals(Optional.of(osloZoned("2026-03-03T17:00")), defaults.nextOpening(oslo("2026-03-02T22:00")));
  }

  @Test
  void weekendWaitsForMonday() {
    assertEquals(Optional.of(osloZoned("2026-03-09T17:00")), defaults.nextOpening(oslo("2026-03-05T22:00")));
    assertEquals(Optional.of(osloZoned("2026-03-09T17:00")), defaults.nextOpening(oslo("2026-03-07T12:00")));
  }

  @Test
  void intervalEndingAtMidnightJoinsTheNextDaysOpening() {
    OpeningHours late = hours("thu=17:00-22:00,23:00-24:00;fri=00:00-02:00", "");
    assertEquals(DayOfWeek.THURSDAY, LocalDate.of(2026, 3, 5).getDayOfWeek());
    assertTrue(late.isOpen(oslo("2026-03-05T23:59:59")));
    assertTrue(late.isOpen(oslo("2026-03-06T00:00")));
    assertTrue(late.isOpen(oslo("2026-03-06T01:59")));
    assertFalse(late.isOpen(oslo("2026-03-06T02:00")));
    // One opening from 23:00 to 02:00: midnight is neither a closing nor an opening.
    assertEquals(Optional.of(osloZoned("2026-03-06T02:00")), late.currentClosing(oslo("2026-03-05T23:30")));
    assertEquals(Optional.of(osloZoned("2026-03-12T17:00")), late.nextOpening(oslo("2026-03-05T23:30")));
    assertEquals(Optional.of(osloZoned("2026-03-12T17:00")), late.nextOpening(oslo("2026-03-06T01:00")));
    assertEquals(Optional.of(osloZoned("2026-03-05T23:00")), late.nextOpening(oslo("2026-03-05T22:00")));
  }

  @Test
  void intervalEndingAtMidnightAloneClosesAtMidnight() {
    OpeningHours late = hours("mon=20:00-24:00", "");
    assertTrue(late.isOpen(oslo("2026-03-02T23:59:59")));
    assertFalse(late.isOpen(oslo("2026-03-03T00:00")));
    assertEquals(Optional.of(osloZoned("2026-03-03T00:00")), late.currentClosing(oslo("2026-03-02T23:00")));
    assertEquals(Optional.of(osloZoned("2026-03-09T20:00")), late.nextOpening(oslo("2026-03-03T00:00")));
  }

  @Test
  void overrideOpenAndClosedWinOverTheSchedule() {
    Instant saturday = oslo("2026-03-07T12:00");
    OpeningHours open = defaults.withOverride(Override.OPEN);
    assertTrue(open.isOpen(saturday));
    assertEquals(Optional.empty(), open.nextOpening(saturday));
    assertEquals(Optional.empty(), open.currentClosing(saturday));

    Instant mondayEvening = oslo("2026-03-02T18:00");
    OpeningHours closed = defaults.withOverride(Override.CLOSED);
    assertFalse(closed.isOpen(mondayEvening));
    assertEquals(Optional.empty(), closed.nextOpening(mondayEvening));
    assertEquals(Optional.empty(), closed.currentClosing(mondayEvening));

    assertTrue(closed.withOverride(Override.SCHEDULE).isOpen(mondayEvening));
  }

  @Test
  void nextOpeningCrossesAChristmasClosure() {
    OpeningHours christmas = hours(WeeklySchedule.DEFAULT.toString(),
        "2026-12-21=closed;2026-12-22=closed;2026-12-23=closed;2026-12-24=closed;"
            + "2026-12-28=closed;2026-12-29=closed;2026-12-30=closed;2026-12-31=closed");
    assertEquals(DayOfWeek.THURSDAY, LocalDate.of(2026, 12, 17).getDayOfWeek());
    assertEquals(Optional.of(osloZoned("2027-01-04T17:00")), christmas.nextOpening(oslo("2026-12-17T22:00")));
  }

  @Test
  void nothingWithinTheHorizonGivesNoNextOpening() {
    Instant now = oslo("2026-03-02T12:00");
    assertEquals(Optional.empty(), hours("", "").nextOpening(now));
    assertEquals(Optional.empty(), hours("", "2027-07-15=10:00-12:00").nextOpening(now));
    assertEquals(Optional.of(osloZoned("2027-03-15T10:00")), hours("", "2027-03-15=10:00-12:00").nextOpening(now));
  }

  @Test
  void alwaysOpenHasNoClosingWithinTheHorizon() {
    OpeningHours always = new OpeningHours(WeeklySchedule.parse(
        "mon=00:00-24:00;tue=00:00-24:00;wed=00:00-24:00;thu=00:00-24:00;fri=00:00-24:00;sat=00:00-24:00;sun=00:00-24:00"),
        DatedExceptions.NONE, false, Override.SCHEDULE, OpeningHours.OSLO);
    Instant now = oslo("2026-03-02T12:00");
    assertTrue(always.isOpen(now));
    assertEquals(Optional.empty(), always.currentClosing(now));
    assertEquals(Optional.empty(), always.nextOpening(now));
  }

  @Test
  void movingClockFollowsOneEvening() {
    MutableClock clock = new MutableClock(oslo("2026-03-02T16:59"), OpeningHours.OSLO);
    assertFalse(defaults.isOpen(clock.instant()));
    clock.advance(Duration.ofMinutes(1));
    assertTrue(defaults.isOpen(clock.instant()));
    clock.advance(Duration.ofHours(5));
    assertFalse(defaults.isOpen(clock.instant()));
  }

  @Test
  void otherZonesAreHonoured() {
    OpeningHours utc = new OpeningHours(WeeklySchedule.DEFAULT, DatedExceptions.NONE, true, Override.SCHEDULE,
        java.time.ZoneOffset.UTC);
    // 17:30 in Oslo (UTC+1 in March) is 16:30 UTC: closed in a UTC line, open in Oslo.
    assertFalse(utc.isOpen(oslo("2026-03-02T17:30")));
    assertTrue(defaults.isOpen(oslo("2026-03-02T17:30")));
  }
}
