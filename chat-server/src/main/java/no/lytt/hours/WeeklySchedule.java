package no.lytt.hours;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The regular week: for each day, zero or more wall-clock {@link Interval}s. Days not mentioned
 * are closed.
 *
 * <p>Written as {@code mon=17:00-22:00;thu=17:00-22:00,23:00-24:00} so an operator can set it in
 * one configuration line or environment variable; {@link #toString()} gives the same form back.
 */
public record WeeklySchedule(Map<DayOfWeek, List<Interval>> days) {

  // Declared before DEFAULT, which needs it while the class initialises.
  private static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /** Monday to Thursday evenings, the model service's staffed hours. */
  public static final WeeklySchedule DEFAULT =
      parse("mon=17:00-22:00;tue=17:00-22:00;wed=17:00-22:00;thu=17:00-22:00");

  public WeeklySchedule {
    Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
    days.forEach((day, intervals) -> {
      if (!intervals.isEmpty()) {
        copy.put(day, List.copyOf(intervals));
      }
    });
    days = Map.copyOf(copy);
  }

  /**
   * Parses the compact form. Day names are {@code mon}..{@code sun}; {@code sun=closed} is
   * allowed for clarity; a day given twice is refused rather than silently merged.
   *
   * @throws IllegalArgumentException naming the part that could not be read
   */
  public static WeeklySchedule parse(String text) {
    Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
    for (Entries.Entry entry : Entries.split(text)) {
      DayOfWeek day = day(entry.key());
      if (days.containsKey(day)) {
        throw new IllegalArgumentException("day " + entry.key() + " is given twice");
      }
      days.put(day, Entries.intervals(entry.value()));
    }
    return new WeeklySchedule(days);
  }

  /** The intervals of that weekday, sorted; empty when the line is closed that day. */
  public List<Interval> intervals(DayOfWeek day) {
    return days.getOrDefault(day, List.of());
  }

  @java.lang.Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(";");
    for (DayOfWeek day : DayOfWeek.values()) {
      if (days.containsKey(day)) {
        joiner.add(NAMES.get(day.ordinal()) + "=" + Interval.format(days.get(day)));
      }
    }
    return joiner.toString();
  }

  private static DayOfWeek day(String name) {
    int index = NAMES.indexOf(name.toLowerCase(Locale.ROOT));
    if (index < 0) {
      throw new IllegalArgumentException("\"" + name + "\" is not a day; use mon, tue, wed, thu, fri, sat or sun");
    }
    return DayOfWeek.of(index + 1);
  }
}
