package no.lytt.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

  @Test
  void parsesAndPrintsTheCompactForm() {
    Interval interval = Interval.parse(" 9:30 - 22:00 ");
    assertEquals(LocalTime.of(9, 30), interval.start());
    assertEquals(LocalTime.of(22, 0), interval.end());
    assertEquals("09:30-22:00", interval.toString());
  }

  @Test
  void twentyFourHundredMeansEndOfDay() {
    Interval interval = Interval.parse("23:00-24:00");
    assertTrue(interval.endsAtMidnight());
    assertEquals("23:00-24:00", interval.toString());
    assertEquals("00:00-24:00", Interval.parse("00:00-24:00").toString());
  }

  @Test
  void refusesIntervalsThatCrossMidnight() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.parse("22:00-02:00"));
    assertTrue(e.getMessage().contains("22:00-24:00 and 00:00-02:00"), e.getMessage());
  }

  @Test
  void refusesZeroAsMidnightAndTellsWhatToWrite() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.parse("22:00-00:00"));
    assertTrue(e.getMessage().contains("write 24:00"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"17:00", "17-22", "25:00-26:00", "17:00-17:00", "24:00-24:00", "17:60-18:00", "ab:cd-ef:gh", ""})
  void refusesMalformedIntervals(String text) {
    assertThrows(IllegalArgumentException.class, () -> Interval.parse(text));
  }

  @Test
  void listIsSortedAndMayTouchButNotOverlap() {
    assertEquals(List.of(Interval.parse("10:00-12:00"), Interval.parse("12:00-14:00")),
        Interval.parseList("12:00-14:00,10:00-12:00"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Interval.parseList("10:00-13:00,12:00-14:00"));
    assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Interval.parseList("10:00-12:00,"));
  }

  @Test
  void formatRoundTrips() {
    String text = "10:00-12:00,23:00-24:00";
    assertEquals(text, Interval.format(Interval.parseList(text)));
    assertEquals("closed", Interval.format(List.of()));
  }

  @Test
  void midnightEndPlacesOnTheNextDayStart() {
    OpenSpan span = Interval.parse("23:00-24:00").on(LocalDate.of(2026, 3, 5), OpeningHours.OSLO).orElseThrow();
    assertEquals(Times.osloZoned("2026-03-06T00:00"), span.end());
  }
}
