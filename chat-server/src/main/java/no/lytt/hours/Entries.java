package no.lytt.hours;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the compact {@code key=value;key=value} form shared by the weekly schedule and the dated
 * exceptions. It lives in one place so both read whitespace, empty parts and errors the same way.
 */
final class Entries {

  /** One {@code key=value} part, both stripped. */
  record Entry(String key, String value) {
  }

  private Entries() {
  }

  /** An empty or blank text gives no entries; a trailing {@code ;} is tolerated. */
  static List<Entry> split(String text) {
    List<Entry> entries = new ArrayList<>();
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("\"" + part.strip() + "\" is not of the form key=intervals");
      }
      entries.add(new Entry(part.substring(0, eq).strip(), part.substring(eq + 1).strip()));
    }
    return entries;
  }

  /** {@code closed} (any case) is an explicit empty list; anything else must be intervals. */
  static List<Interval> intervals(String value) {
    return value.equalsIgnoreCase("closed") ? List.of() : Interval.parseList(value);
  }
}
