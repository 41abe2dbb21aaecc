package no.lytt.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A value read at scrape time from whoever owns it (a map's size, a flag), optionally split by one
 * label; nothing is copied in between, so a gauge can never go stale.
 */
public final class Gauge implements Family {
  private final String name;
  private final String help;
  private final String labelName;
  private final Map<String, DoubleSupplier> series = new LinkedHashMap<>();

  Gauge(String name, String help, String labelName) {
    this.name = name;
    this.help = help;
    this.labelName = labelName;
  }

  /** Reads the unlabelled series from {@code source}. */
  public synchronized Gauge from(DoubleSupplier source) {
    return from("", source);
  }

  public synchronized Gauge from(String labelValue, DoubleSupplier source) {
    series.put(labelValue, source);
    return this;
  }

  @Override
  public synchronized void writeTo(StringBuilder out) {
    Exposition.header(out, name, help, "gauge");
    series.forEach((value, source) -> Exposition.sample(out, name,
        labelName == null ? "" : Exposition.label(labelName, value), source.getAsDouble()));
  }
}
