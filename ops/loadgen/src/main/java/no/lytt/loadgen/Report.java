package no.lytt.loadgen;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Results of a run: one row per step, printed as a plain-text table and as one JSON line per row
 * ({@code RESULT {...}}), which is also appended to {@code out=FILE} when given. Rows hold numbers
 * and names only: never a token, a key or message text.
 */
final class Report {
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final Path out;

  Report(Path out) {
    this.out = out;
  }

  Map<String, Object> row() {
    Map<String, Object> row = new LinkedHashMap<>();
    rows.add(row);
    return row;
  }

  /** Latency percentiles in milliseconds, from microseconds. */
  static void latencies(Map<String, Object> row, String prefix, Histogram h) {
    row.put(prefix + "count", h.getTotalCount());
    row.put(prefix + "p50_ms", ms(h.getValueAtPercentile(50)));
    row.put(prefix + "p95_ms", ms(h.getValueAtPercentile(95)));
    row.put(prefix + "p99_ms", ms(h.getValueAtPercentile(99)));
    row.put(prefix + "p999_ms", ms(h.getValueAtPercentile(99.9)));
    row.put(prefix + "max_ms", ms(h.getMaxValue()));
  }

  static void memory(Map<String, Object> row, ProcessStats.Memory m) {
    row.put("heap_after_gc_mb", mb(m.heapKb()));
    row.put("direct_mb", mb(m.directKb()));
    row.put("rss_mb", mb(m.rssKb()));
  }

  /** The 1-minute load average now, so a number measured on a busy machine says so. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  private static double mb(long kb) {
    return kb < 0 ? -1 : Math.round(kb / 102.4) / 10.0;
  }

  void print() {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    List<String> cols = List.copyOf(columns);
    List<Integer> widths = new ArrayList<>();
    for (String c : cols) {
      int w = c.length();
      for (Map<String, Object> r : rows) {
        w = Math.max(w, String.valueOf(r.getOrDefault(c, "")).length());
      }
      widths.add(w);
    }
    StringBuilder table = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      table.append(String.format("%-" + widths.get(i) + "s  ", cols.get(i)));
    }
    table.append('\n');
    for (Map<String, Object> r : rows) {
      for (int i = 0; i < cols.size(); i++) {
        table.append(String.format("%-" + widths.get(i) + "s  ", r.getOrDefault(cols.get(i), "")));
      }
      table.append('\n');
    }
    System.out.print(table);
    for (Map<String, Object> r : rows) {
      String line = new JsonObject(r).encode();
      System.out.println("RESULT " + line);
      if (out != null) {
        try {
          Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  List<Map<String, Object>> rows() {
    return rows;
  }
}
