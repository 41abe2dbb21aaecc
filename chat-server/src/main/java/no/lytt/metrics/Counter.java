package no.lytt.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count, optionally split by one label. Safe from any thread; a
 * {@link LongAdder} keeps increments cheap on hot paths (every relayed envelope).
 */
public final class Counter implements Family {
  private final String name;
  private final String help;
  private final String labelName;
  private final Map<String, LongAdder> series = new ConcurrentHashMap<>();

  Counter(String name, String help, String labelName) {
    this.name = name;
    this.help = help;
    this.labelName = labelName;
  }

  /** Adds one to the unlabelled series. */
  public void inc() {
    add("", 1);
  }

  /** Adds one to the series whose label has {@code value}, which must come from a fixed set. */
  public void inc(String value) {
    add(value, 1);
  }

  public void add(String value, long by) {
    series.computeIfAbsent(value, v -> new LongAdder()).add(by);
  }

  /** Creates the series now so that a scrape shows it at zero before it first happens. */
  Counter preset(String... values) {
    for (String v : values) {
      series.computeIfAbsent(v, x -> new LongAdder());
    }
    return this;
  }

  @Override
  public void writeTo(StringBuilder out) {
    Exposition.header(out, name, help, "counter");
    new java.util.TreeMap<>(series).forEach((value, count) -> Exposition.sample(out, name,
        labelName == null ? "" : Exposition.label(labelName, value), count.sum()));
  }
}
