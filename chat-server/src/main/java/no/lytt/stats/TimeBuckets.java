package no.lytt.stats;

import java.time.Duration;
import java.util.List;

/**
 * Waits and chat lengths as counts per band of minutes. A band, unlike a stored time, says nothing
 * about one particular contact, yet a year of bands shows how long people wait and talk.
 * Each band includes its lower bound and excludes its upper one.
 */
public final class TimeBuckets {
  /** From joining the queue to a counsellor's accept, counted under {@code wait.<band>}. */
  public static final List<String> WAIT = List.of("0-1m", "1-5m", "5-15m", "15-30m", "30-60m", "60m+");
  /** From the accept to the end of a chat that was opened, counted under {@code duration.<band>}. */
  public static final List<String> DURATION = List.of("0-5m", "5-15m", "15-30m", "30-60m", "60m+");
  private static final long[] WAIT_LIMITS = {1, 5, 15, 30, 60};
  private static final long[] DURATION_LIMITS = {5, 15, 30, 60};

  private TimeBuckets() {
  }

  public static String waitKey(Duration waited) {
    return "wait." + band(WAIT, WAIT_LIMITS, waited);
  }

  public static String durationKey(Duration length) {
    return "duration." + band(DURATION, DURATION_LIMITS, length);
  }

  private static String band(List<String> names, long[] limitsInMinutes, Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    for (int i = 0; i < limitsInMinutes.length; i++) {
      if (seconds < limitsInMinutes[i] * 60) {
        return names.get(i);
      }
    }
    return names.get(names.size() - 1);
  }
}
