package no.lytt.queue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * An honest wait estimate for the visitor at a given queue position.
 *
 * <p>With {@code C} chat slots on duty (the sum of the capacities of counsellors on duty), {@code A}
 * of them busy, and a typical chat lasting {@code D} (the median of recent chat durations, or the
 * configured default before there is history), slots free up at a rate of about {@code C / D}. A
 * visitor at position {@code p} is served at once when {@code p <= C - A}; otherwise they wait for
 * {@code p - (C - A)} slots to free up:
 *
 * <pre>  wait = max(0, p - (C - A)) * D / C</pre>
 *
 * rounded up to whole minutes, because a promise of "3 minutes" that becomes 10 hurts more than
 * one of "5 minutes" that becomes 3. With nobody on duty there is no honest number: empty.
 */
public final class WaitEstimator {
  private static final int HISTORY = 20;
  private final Duration defaultDuration;

  public WaitEstimator(Duration defaultDuration) {
    if (defaultDuration.isNegative() || defaultDuration.isZero()) {
      throw new IllegalArgumentException("default chat duration must be positive");
    }
    this.defaultDuration = defaultDuration;
  }

  public OptionalLong estimateSeconds(int position, int totalSlots, int busySlots,
                                      List<Duration> recentDurations) {
    if (totalSlots <= 0 || position <= 0) {
      return OptionalLong.empty();
    }
    int free = Math.max(0, totalSlots - busySlots);
    int toFree = Math.max(0, position - free);
    if (toFree == 0) {
      return OptionalLong.of(0);
    }
    long typical = typicalDuration(recentDurations).toSeconds();
    long seconds = (long) Math.ceil((double) toFree * typical / totalSlots);
    return OptionalLong.of(roundUpToMinute(seconds));
  }

  Duration typicalDuration(List<Duration> recent) {
    List<Duration> window = recent.size() > HISTORY ? recent.subList(recent.size() - HISTORY, recent.size()) : recent;
    if (window.isEmpty()) {
      return defaultDuration;
    }
    List<Duration> sorted = window.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static long roundUpToMinute(long seconds) {
    return ((seconds + 59) / 60) * 60;
  }
}
