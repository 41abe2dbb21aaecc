package no.lytt.hours;

import static no.lytt.hours.Times.oslo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpeningHoursWeekTest {

  @Test
  void weekOfEaster2026() {
    List<DayHours> week = OpeningHours.defaults().week(oslo("2026-03-30T23:30"));
    assertEquals(7, week.size());
    assertEquals(LocalDate.of(2026, 3, 30), week.get(0).date());
    assertEquals(LocalDate.of(2026, 4, 5), week.get(6).date());

    DayHours monday = week.get(0);
    assertFalse(monday.isClosed());
    assertEquals(List.of(Interval.parse("17:00-22:00")), monday.intervals());
    // Summer time began on 29 March, so the same wall-clock hours are now at +02:00.
    assertEquals(ZonedDateTime.parse("2026-03-30T17:00+02:00[Europe/Oslo]"), monday.spans().get(0).start());
    assertEquals(Optional.empty(), monday.holidayName());

    DayHours maundyThursday = week.get(3);
    assertTrue(maundyThursday.isClosed());
    assertEquals(DayHours.Source.HOLIDAY, maundyThursday.source());
    assertEquals(Optional.of("Skjærtorsdag"), maundyThursday.holidayName());
    assertEquals(Optional.of("Langfredag"), week.get(4).holidayName());

    DayHours saturday = week.get(5);
    assertTrue(saturday.isClosed());
    assertEquals(DayHours.Source.WEEKLY, saturday.source());
    assertEquals(Optional.empty(), saturday.holidayName());
    assertEquals(Optional.of("Første påskedag"), week.get(6).holidayName());
  }

  @Test
  void weekStartsOnTheLocalDateNotTheUtcDate() {
    // 00:30 on 3 March in Oslo is still 2 March in UTC.
    assertEquals(LocalDate.of(2026, 3, 3), OpeningHours.defaults().week(oslo("2026-03-03T00:30")).get(0).date());
  }

  @Test
  void weekIgnoresTheOverride() {
    List<DayHours> week = OpeningHours.defaults().withOverride(Override.CLOSED).week(oslo("2026-03-02T12:00"));
    assertFalse(week.get(0).isClosed());
  }
}
