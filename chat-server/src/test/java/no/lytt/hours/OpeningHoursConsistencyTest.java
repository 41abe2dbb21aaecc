package no.lytt.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steps a clock through weeks that contain clock changes, holidays and midnight intervals, and
 * checks that the three questions never contradict each other at any instant.
 */
class OpeningHoursConsistencyTest {

  private static final OpeningHours HOURS = Times.hours(
      "mon=17:00-22:00;tue=17:00-22:00;wed=17:00-22:00;thu=17:00-22:00,23:00-24:00;"
          + "fri=00:00-02:00;sat=01:00-04:00;sun=02:00-03:00,20:00-24:00",
      "2026-12-24=closed;2026-12-25=12:00-16:00");

  @ParameterizedTest
  @ValueSource(strings = {"2026-10-19T00:00+02:00", "2027-03-22T00:00+01:00", "2026-12-21T00:00+01:00"})
  void isOpenCurrentClosingAndNextOpeningAgree(String start) {
    MutableClock clock = new MutableClock(Times.offset(start), OpeningHours.OSLO);
    Instant end = clock.instant().plus(Duration.ofDays(15));
    ZonedDateTime promised = null;
    for (; clock.instant().isBefore(end); clock.advance(Duration.ofMinutes(10))) {
      Instant now = clock.instant();
      boolean open = HOURS.isOpen(now);
      Optional<ZonedDateTime> closing = HOURS.currentClosing(now);
      assertEquals(open, closing.isPresent(), () -> "at " + now);
      closing.ifPresent(c -> {
        assertTrue(c.toInstant().isAfter(now), () -> "closing after now at " + now);
        assertFalse(HOURS.isOpen(c.toInstant()), () -> "closed at closing " + c);
        assertTrue(HOURS.isOpen(c.toInstant().minusNanos(1)), () -> "open just before closing " + c);
      });
      ZonedDateTime next = HOURS.nextOpening(now).orElseThrow();
      assertTrue(next.toInstant().isAfter(now), () -> "next opening after now at " + now);
      assertTrue(HOURS.isOpen(next.toInstant()), () -> "open at next opening " + next);
      assertFalse(HOURS.isOpen(next.toInstant().minusNanos(1)), () -> "closed just before " + next);
      if (promised != null && now.isBefore(promised.toInstant())) {
        // A closed instant promised an opening later: every sample until then is closed and
        // promises the same opening.
        assertFalse(open, "opened before the promised " + promised + ", at " + now);
        assertEquals(promised, next, "promise changed at " + now);
      }
      promised = open ? null : next;
    }
  }
}
