package no.lytt.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NorwegianHolidaysTest {

  @ParameterizedTest
  @CsvSource({
      "2019, 2019-04-21", "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05",
      "2027, 2027-03-28", "2028, 2028-04-16", "2038, 2038-04-25", "2285, 2285-03-22", "1818, 1818-03-22"})
  void easterSundayByTheGregorianAlgorithm(int year, LocalDate easter) {
    assertEquals(easter, NorwegianHolidays.easterSunday(year));
  }

  @Test
  void allHolidaysOf2026() {
    Map<LocalDate, List<Holiday>> expected = new TreeMap<>(Map.ofEntries(
        Map.entry(LocalDate.of(2026, 1, 1), List.of(Holiday.NEW_YEARS_DAY)),
        Map.entry(LocalDate.of(2026, 4, 2), List.of(Holiday.MAUNDY_THURSDAY)),
        Map.entry(LocalDate.of(2026, 4, 3), List.of(Holiday.GOOD_FRIDAY)),
        Map.entry(LocalDate.of(2026, 4, 5), List.of(Holiday.EASTER_SUNDAY)),
        Map.entry(LocalDate.of(2026, 4, 6), List.of(Holiday.EASTER_MONDAY)),
        Map.entry(LocalDate.of(2026, 5, 1), List.of(Holiday.LABOUR_DAY)),
        Map.entry(LocalDate.of(2026, 5, 14), List.of(Holiday.ASCENSION_DAY)),
        Map.entry(LocalDate.of(2026, 5, 17), List.of(Holiday.CONSTITUTION_DAY)),
        Map.entry(LocalDate.of(2026, 5, 24), List.of(Holiday.WHIT_SUNDAY)),
        Map.entry(LocalDate.of(2026, 5, 25), List.of(Holiday.WHIT_MONDAY)),
        Map.entry(LocalDate.of(2026, 12, 25), List.of(Holiday.CHRISTMAS_DAY)),
        Map.entry(LocalDate.of(2026, 12, 26), List.of(Holiday.BOXING_DAY))));
    assertEquals(expected, NorwegianHolidays.inYear(2026));
  }

  @Test
  void easterDependentHolidaysMoveWithEaster() {
    assertEquals(List.of(Holiday.MAUNDY_THURSDAY), NorwegianHolidays.on(LocalDate.of(2028, 4, 13)));
    assertEquals(List.of(Holiday.GOOD_FRIDAY), NorwegianHolidays.on(LocalDate.of(2028, 4, 14)));
    assertEquals(List.of(Holiday.EASTER_MONDAY), NorwegianHolidays.on(LocalDate.of(2028, 4, 17)));
    assertEquals(List.of(Holiday.ASCENSION_DAY), NorwegianHolidays.on(LocalDate.of(2028, 5, 25)));
    assertEquals(List.of(Holiday.WHIT_SUNDAY), NorwegianHolidays.on(LocalDate.of(2028, 6, 4)));
    assertEquals(List.of(Holiday.WHIT_MONDAY), NorwegianHolidays.on(LocalDate.of(2028, 6, 5)));
    assertEquals(List.of(Holiday.ASCENSION_DAY), NorwegianHolidays.on(LocalDate.of(2027, 5, 6)));
    assertEquals(List.of(), NorwegianHolidays.on(LocalDate.of(2027, 4, 1)));
  }

  @Test
  void twoHolidaysOnOneDateAreBothKept() {
    // Easter 2027 is 28 March, so Whit Monday (+50 days) is 17 May.
    SortedMap<LocalDate, List<Holiday>> year = NorwegianHolidays.inYear(2027);
    assertEquals(List.of(Holiday.CONSTITUTION_DAY, Holiday.WHIT_MONDAY), year.get(LocalDate.of(2027, 5, 17)));
    assertEquals(11, year.size());
    assertEquals(year.get(LocalDate.of(2027, 5, 17)), NorwegianHolidays.on(LocalDate.of(2027, 5, 17)));
  }

  @Test
  void refusesYearsBeforeTheGregorianCalendar() {
    assertThrows(IllegalArgumentException.class, () -> NorwegianHolidays.easterSunday(1500));
  }
}
