package no.lytt.queue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** The queue and the capacity serving it at one moment, enough to place and estimate everyone. */
public record QueueSnapshot(List<QueueEntry> entries, int totalSlots, int busySlots,
                            List<Duration> recentDurations) {
  public int positionOf(String entryId) {
    return QueueOrder.positionOf(entryId, entries);
  }

  public OptionalLong estimateFor(WaitEstimator estimator, int position) {
    return estimator.estimateSeconds(position, totalSlots, busySlots, recentDurations);
  }
}
