package no.lytt.hours;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One opening interval within a single day, in local wall-clock time; start inclusive, end
 * exclusive.
 *
 * <p>An interval never crosses midnight: a late shift is written as two intervals on two days
 * ({@code thu=22:00-24:00;fri=00:00-02:00}). Keeping every interval inside its own date is what
 * makes holidays and dated exceptions unambiguous — a closed 24 December cannot be kept open by a
 * 23 December interval spilling into it. {@link OpeningHours} joins touching intervals again, so a
 * visitor still sees one opening from 22:00 to 02:00.
 *
 * <p>{@link LocalTime} has no 24:00, so an {@code end} of {@link LocalTime#MIDNIGHT} means the end
 * of the day, never its start.
 */
public record Interval(LocalTime start, LocalTime end) implements Comparable<Interval> {

  private static final Pattern FORM = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
      throw new IllegalArgumentException("interval " + text(start) + "-" + text(end)
          + " is empty or crosses midnight; split it as " + text(start)
          + "-24:00 and 00:00-" + text(end) + " on the next day");
    }
  }

  /** Parses {@code HH:MM-HH:MM}; the end may be {@code 24:00}, and only that spelling means midnight. */
  public static Interval parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + text.strip() + "\" is not an interval like 17:00-22:00");
    }
    LocalTime start = time(m.group(1), false);
    LocalTime end = time(m.group(2), true);
    if (end.equals(LocalTime.MIDNIGHT) && !m.group(2).startsWith("24")) {
      // "22:00-00:00" is almost always meant as "until midnight", but accepting it would make
      // "00:00" mean two different things; say what to write instead.
      throw new IllegalArgumentException("interval " + text.strip() + " ends at 00:00; write 24:00 for midnight");
    }
    return new Interval(start, end);
  }

  /**
   * Parses {@code 17:00-20:00,21:00-24:00} into a sorted list. Overlaps are refused because they
   * are always a typing mistake; touching intervals are allowed.
   */
  public static List<Interval> parseList(String text) {
    List<Interval> intervals = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      intervals.add(parse(part));
    }
    intervals.sort(null);
    for (int i = 1; i < intervals.size(); i++) {
      Interval previous = intervals.get(i - 1);
      Interval current = intervals.get(i);
      if (previous.endsAtMidnight() || current.start.isBefore(previous.end)) {
        throw new IllegalArgumentException("intervals " + previous + " and " + current + " overlap");
      }
    }
    return List.copyOf(intervals);
  }

  /** The compact form read by {@link #parseList}, or {@code closed} for no intervals. */
  public static String format(List<Interval> intervals) {
    if (intervals.isEmpty()) {
      return "closed";
    }
    return intervals.stream().map(Interval::toString).collect(Collectors.joining(","));
  }

  public boolean endsAtMidnight() {
    return end.equals(LocalTime.MIDNIGHT);
  }

  /**
   * Places this interval on a date. Wall-clock times that do not exist (the hour skipped when
   * clocks go forward) move later by the length of the gap, as {@link ZonedDateTime#of} does, so
   * an interval lying wholly inside the gap — 02:00-03:00 on the spring-forward night in Oslo —
   * becomes empty and is returned as absent. On the fall-back night an ambiguous time takes the
   * earlier offset, so 01:00-04:00 lasts four real hours.
   */
  public Optional<OpenSpan> on(LocalDate date, ZoneId zone) {
    ZonedDateTime from = start.equals(LocalTime.MIDNIGHT)
        ? date.atStartOfDay(zone) : ZonedDateTime.of(date, start, zone);
    ZonedDateTime to = endsAtMidnight()
        ? date.plusDays(1).atStartOfDay(zone) : ZonedDateTime.of(date, end, zone);
    return from.isBefore(to) ? Optional.of(new OpenSpan(from, to)) : Optional.empty();
  }

  @java.lang.Override
  public int compareTo(Interval other) {
    int byStart = start.compareTo(other.start);
    if (byStart != 0) {
      return byStart;
    }
    // Consistent with equals; a midnight end is the latest end of all.
    return Boolean.compare(endsAtMidnight(), other.endsAtMidnight()) != 0
        ? Boolean.compare(endsAtMidnight(), other.endsAtMidnight()) : end.compareTo(other.end);
  }

  @java.lang.Override
  public String toString() {
    return text(start) + "-" + (endsAtMidnight() ? "24:00" : text(end));
  }

  private static LocalTime time(String text, boolean mayBeMidnight) {
    if (text.equals("24:00") && mayBeMidnight) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a time between 00:00 and "
          + (mayBeMidnight ? "24:00" : "23:59"), e);
    }
  }

  private static String text(LocalTime time) {
    return String.format("%02d:%02d", time.getHour(), time.getMinute());
  }
}
