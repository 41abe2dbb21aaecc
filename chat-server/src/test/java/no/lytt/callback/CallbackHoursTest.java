package no.lytt.callback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import no.lytt.hours.DatedExceptions;
import no.lytt.hours.OpeningHours;
import no.lytt.hours.WeeklySchedule;
import org.junit.jupiter.api.Test;

/**
 * Which windows a callback request may name, on a line open Tuesdays 10:00-12:00 with Wednesday
 * 25 November 2026 moved to 14:00-16:00, asked on Monday evening: the planned hours (exceptions
 * included) whatever the override, and the hours just ahead while the line is opened by hand.
 */
class CallbackHoursTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, OSLO);
  private static final Instant NOW = at(0, 20, 0);
  private static final OpeningHours PLANNED = new OpeningHours(WeeklySchedule.parse("tue=10:00-12:00;wed=10:00-12:00"),
      DatedExceptions.parse("2026-11-25=14:00-16:00"), false, no.lytt.hours.Override.SCHEDULE, OSLO);

  private static Instant at(int days, int hour, int minute) {
    return MONDAY.plusDays(days).withHour(hour).withMinute(minute).toInstant();
  }

  private static CallbackWindow window(int days, int fromHour, int toHour) {
    return new CallbackWindow(at(days, fromHour, 0), at(days, toHour, 0));
  }

  private static CallbackHours under(no.lytt.hours.Override override) {
    return new CallbackHours(PLANNED.withOverride(override), NOW);
  }

  @Test
  void plannedHoursAndExceptionsAreTakenWhateverTheOverride() {
    for (no.lytt.hours.Override o : no.lytt.hours.Override.values()) {
      CallbackHours hours = under(o);
      assertTrue(hours.takes(window(1, 10, 11)), o + ": Tuesday morning");
      assertTrue(hours.takes(window(2, 14, 16)), o + ": the exception's Wednesday afternoon");
      assertFalse(hours.takes(window(2, 10, 11)), o + ": the Wednesday morning the exception replaced");
      assertFalse(hours.takes(window(1, 11, 13)), o + ": a window running past the closing");
    }
  }

  @Test
  void aLineOpenedByHandTakesTheEveningAheadButNotNextWeek() {
    assertTrue(under(no.lytt.hours.Override.OPEN).takes(window(0, 20, 21)), "tonight, opened by hand");
    assertTrue(under(no.lytt.hours.Override.OPEN).takes(new CallbackWindow(NOW, at(1, 2, 0))));
    assertFalse(under(no.lytt.hours.Override.OPEN).takes(window(7, 3, 4)), "three in the morning next week");
    assertFalse(under(no.lytt.hours.Override.SCHEDULE).takes(window(0, 20, 21)), "not opened by hand: closed tonight");
    assertFalse(under(no.lytt.hours.Override.CLOSED).takes(window(0, 20, 21)));
  }
}
