package no.lytt.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A distribution in fixed cumulative buckets, in seconds, as Prometheus expects it:
 * {@code _bucket{le=...}}, {@code _sum}, {@code _count}. Safe from any thread.
 */
public final class Histogram implements Family {
  private final String name;
  private final String help;
  private final double[] bounds;
  private final LongAdder[] counts;
  private final DoubleAdder sum = new DoubleAdder();
  private final LongAdder count = new LongAdder();

  Histogram(String name, String help, double... bounds) {
    this.name = name;
    this.help = help;
    this.bounds = bounds.clone();
    this.counts = new LongAdder[bounds.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  public void observe(double seconds) {
    for (int i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]) {
        counts[i].increment();
        break;
      }
    }
    sum.add(seconds);
    count.increment();
  }

  public void observeNanos(long nanos) {
    observe(nanos / 1e9);
  }

  @Override
  public void writeTo(StringBuilder out) {
    Exposition.header(out, name, help, "histogram");
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += counts[i].sum();
      Exposition.sample(out, name + "_bucket", Exposition.label("le", Exposition.number(bounds[i])), cumulative);
    }
    long total = count.sum();
    Exposition.sample(out, name + "_bucket", Exposition.label("le", "+Inf"), total);
    Exposition.sample(out, name + "_sum", "", sum.sum());
    Exposition.sample(out, name + "_count", "", total);
  }
}
