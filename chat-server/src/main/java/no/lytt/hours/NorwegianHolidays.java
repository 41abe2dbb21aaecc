package no.lytt.hours;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Norwegian public holidays for any Gregorian year, computed rather than listed so the service
 * never runs out of configured years. Nothing is cached: a year takes a few dozen integer
 * operations, and a cache would be static mutable state.
 */
public final class NorwegianHolidays {

  private NorwegianHolidays() {
  }

  /**
   * Easter Sunday by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher), valid for every
   * year of the Gregorian calendar.
   */
  public static LocalDate easterSunday(int year) {
    if (year < 1583) {
      throw new IllegalArgumentException("the Gregorian Easter rule applies from 1583, not " + year);
    }
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  /**
   * Every holiday of the year by date. A date can carry two holidays — Whit Monday falls on
   * 17 May in 2027 — so each date maps to a list.
   */
  public static SortedMap<LocalDate, List<Holiday>> inYear(int year) {
    LocalDate easter = easterSunday(year);
    TreeMap<LocalDate, List<Holiday>> byDate = new TreeMap<>();
    for (Holiday holiday : Holiday.values()) {
      byDate.computeIfAbsent(holiday.dateIn(year, easter), date -> new ArrayList<>()).add(holiday);
    }
    byDate.replaceAll((date, holidays) -> List.copyOf(holidays));
    return Collections.unmodifiableSortedMap(byDate);
  }

  /** The holidays on that date; usually none, at most two. */
  public static List<Holiday> on(LocalDate date) {
    LocalDate easter = easterSunday(date.getYear());
    List<Holiday> found = new ArrayList<>(2);
    for (Holiday holiday : Holiday.values()) {
      if (holiday.dateIn(date.getYear(), easter).equals(date)) {
        found.add(holiday);
      }
    }
    return List.copyOf(found);
  }
}
