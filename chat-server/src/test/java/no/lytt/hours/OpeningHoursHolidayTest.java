package no.lytt.hours;

import static no.lytt.hours.Times.hours;
import static no.lytt.hours.Times.oslo;
import static no.lytt.hours.Times.osloZoned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpeningHoursHolidayTest {

  @Test
  void holidaysCloseTheLineByDefault() {
    OpeningHours defaults = OpeningHours.defaults();
    // Maundy Thursday in 2026, 2027 and 2028, each a Thursday evening that would otherwise be open.
    assertFalse(defaults.isOpen(oslo("2026-04-02T18:00")));
    assertFalse(defaults.isOpen(oslo("2027-03-25T18:00")));
    assertFalse(defaults.isOpen(oslo("2028-04-13T18:00")));
    assertTrue(defaults.isOpen(oslo("2028-04-12T18:00")));
    // Ascension Day 2026 is Thursday 14 May; Whit Monday 2026 is 25 May.
    assertFalse(defaults.isOpen(oslo("2026-05-14T18:00")));
    assertFalse(defaults.isOpen(oslo("2026-05-25T18:00")));
    DayHours day = defaults.day(LocalDate.of(2026, 4, 2));
    assertEquals(DayHours.Source.HOLIDAY, day.source());
    assertEquals(Optional.of("Skjærtorsdag"), day.holidayName());
  }

  @Test
  void nextOpeningSkipsEaster() {
    // Wednesday 1 April 2026 after closing: Thu, Fri, Sun, Mon are holidays, so Tuesday 7 April.
    assertEquals(Optional.of(osloZoned("2026-04-07T17:00")), OpeningHours.defaults().nextOpening(oslo("2026-04-01T23:00")));
  }

  @Test
  void datedExceptionWithIntervalsOverridesAHoliday() {
    OpeningHours staffed = hours(WeeklySchedule.DEFAULT.toString(), "2026-12-25=12:00-16:00");
    assertTrue(staffed.isOpen(oslo("2026-12-25T12:00")));
    assertFalse(staffed.isOpen(oslo("2026-12-25T16:00")));
    DayHours day = staffed.day(LocalDate.of(2026, 12, 25));
    assertEquals(DayHours.Source.EXCEPTION, day.source());
    assertEquals(Optional.of("Første juledag"), day.holidayName());
  }

  @Test
  void holidaysCanBeIgnored() {
    OpeningHours open = new OpeningHours(WeeklySchedule.DEFAULT, DatedExceptions.NONE, false, Override.SCHEDULE,
        OpeningHours.OSLO);
    assertTrue(open.isOpen(oslo("2026-04-02T18:00")));
    DayHours day = open.day(LocalDate.of(2026, 4, 2));
    assertEquals(DayHours.Source.WEEKLY, day.source());
    assertEquals(Optional.of("Skjærtorsdag"), day.holidayName());
  }

  @Test
  void closedExceptionClosesAnOrdinaryDay() {
    OpeningHours closed = hours(WeeklySchedule.DEFAULT.toString(), "2026-12-23=closed");
    assertFalse(closed.isOpen(oslo("2026-12-23T18:00")));
    assertEquals(DayHours.Source.EXCEPTION, closed.day(LocalDate.of(2026, 12, 23)).source());
  }

  @Test
  void twoHolidaysOnOneDateShowBothNames() {
    assertEquals(Optional.of("Grunnlovsdagen / Andre pinsedag"),
        OpeningHours.defaults().day(LocalDate.of(2027, 5, 17)).holidayName());
  }
}
