package no.lytt.hours;

import java.util.Locale;

/**
 * A supervisor's manual switch over the planned hours: open during a crisis evening, closed when
 * nobody can staff the line. It has no end time — it holds until someone sets it back to
 * {@link #SCHEDULE} — which is why {@link OpeningHours} cannot promise an opening or closing time
 * while it is set.
 *
 * <p>The name shadows {@code java.lang.Override} inside this package, so classes here spell the
 * annotation {@code @java.lang.Override}. Elsewhere, write {@code no.lytt.hours.Override} rather
 * than importing it: the import would break every {@code @Override} in that file.
 */
public enum Override {
  OPEN,
  CLOSED,
  SCHEDULE;

  /** Reads {@code open}, {@code closed} or {@code schedule}, ignoring case. */
  public static Override parse(String text) {
    for (Override value : values()) {
      if (value.name().equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" is not one of open, closed, schedule");
  }

  @java.lang.Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
