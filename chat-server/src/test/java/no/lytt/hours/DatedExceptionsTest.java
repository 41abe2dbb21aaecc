package no.lytt.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatedExceptionsTest {

  @Test
  void parsesClosedAndOwnIntervals() {
    DatedExceptions exceptions = DatedExceptions.parse("2026-12-24=closed;2026-12-23=10:00-14:00");
    assertEquals(Optional.of(List.of()), exceptions.on(LocalDate.of(2026, 12, 24)));
    assertEquals(Optional.of(List.of(Interval.parse("10:00-14:00"))), exceptions.on(LocalDate.of(2026, 12, 23)));
    assertEquals(Optional.empty(), exceptions.on(LocalDate.of(2026, 12, 22)));
    assertEquals("2026-12-23=10:00-14:00;2026-12-24=closed", exceptions.toString());
  }

  @Test
  void emptyMeansNone() {
    assertEquals(DatedExceptions.NONE, DatedExceptions.parse(" "));
  }

  @Test
  void refusesBadDatesAndRepeats() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> DatedExceptions.parse("2026-13-01=closed"));
    assertTrue(bad.getMessage().contains("2026-13-01"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DatedExceptions.parse("2026-12-24=closed;2026-12-24=10:00-12:00"));
    assertThrows(IllegalArgumentException.class, () -> DatedExceptions.parse("2026-12-24=shut"));
  }
}
