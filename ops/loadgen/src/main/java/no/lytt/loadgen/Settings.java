package no.lytt.loadgen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: {@code key=value} words ({@code scenario=relay chats=1000 rates=2000,5000}).
 * Every key read is remembered, so a misspelt key is reported instead of silently ignored.
 */
final class Settings {
  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();

  private Settings(Map<String, String> values) {
    this.values = values;
  }

  static Settings parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return new Settings(values);
  }

  String text(String key, String fallback) {
    read.add(key);
    return values.getOrDefault(key, fallback);
  }

  int integer(String key, int fallback) {
    String v = text(key, null);
    return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
  }

  double decimal(String key, double fallback) {
    String v = text(key, null);
    return v == null ? fallback : Double.parseDouble(v);
  }

  boolean flag(String key, boolean fallback) {
    String v = text(key, null);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }

  /** A comma-separated list of numbers, e.g. {@code rates=1000,2000,5000}. */
  List<Integer> integers(String key, int fallback) {
    String v = text(key, null);
    List<Integer> out = new ArrayList<>();
    if (v == null) {
      out.add(fallback);
      return out;
    }
    for (String part : v.split(",")) {
      out.add(Integer.parseInt(part.trim().replace("_", "")));
    }
    return out;
  }

  /** Keys given on the command line that no part of the run asked for. */
  Set<String> unread() {
    Set<String> unknown = new HashSet<>(values.keySet());
    unknown.removeAll(read);
    return unknown;
  }
}
