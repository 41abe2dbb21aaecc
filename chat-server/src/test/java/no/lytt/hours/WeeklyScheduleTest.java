package no.lytt.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyScheduleTest {

  @Test
  void defaultIsMondayToThursdayEvenings() {
    WeeklySchedule week = WeeklySchedule.DEFAULT;
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
      assertEquals(List.of(Interval.parse("17:00-22:00")), week.intervals(day));
    }
    for (DayOfWeek day : List.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)) {
      assertEquals(List.of(), week.intervals(day));
    }
  }

  @Test
  void parsesSeveralIntervalsAndRoundTrips() {
    String text = "mon=17:00-22:00;thu=17:00-22:00,23:00-24:00;fri=00:00-02:00";
    WeeklySchedule week = WeeklySchedule.parse(text);
    assertEquals(2, week.intervals(DayOfWeek.THURSDAY).size());
    assertEquals(text, week.toString());
    assertEquals(week, WeeklySchedule.parse(week.toString()));
  }

  @Test
  void toleratesCaseSpacesClosedDaysAndTrailingSemicolon() {
    WeeklySchedule week = WeeklySchedule.parse(" MON = 17:00-22:00 ; sun=closed; ");
    assertEquals(List.of(Interval.parse("17:00-22:00")), week.intervals(DayOfWeek.MONDAY));
    assertEquals(List.of(), week.intervals(DayOfWeek.SUNDAY));
    assertEquals("mon=17:00-22:00", week.toString());
  }

  @Test
  void emptyTextMeansNeverOpen() {
    WeeklySchedule week = WeeklySchedule.parse("");
    for (DayOfWeek day : DayOfWeek.values()) {
      assertTrue(week.intervals(day).isEmpty());
    }
  }

  @Test
  void refusesUnknownAndRepeatedDays() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> WeeklySchedule.parse("mnd=17:00-22:00"));
    assertTrue(unknown.getMessage().contains("\"mnd\""), unknown.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> WeeklySchedule.parse("mon=17:00-18:00;mon=19:00-20:00"));
    assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WeeklySchedule.parse("mon 17:00-22:00"));
    assertThrows(IllegalArgumentException.class, () -> WeeklySchedule.parse("fri=22:00-02:00"));
  }
}
