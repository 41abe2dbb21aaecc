package no.lytt.queue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The queue as one node needs to see it, read in one step: how long it is, who is at its head (what
 * a console shows), where some visitors stand (those this node tells their place), and the staffing
 * their estimates come from. Never the whole queue: with thousands waiting, each change would
 * otherwise cost a read of all of them.
 *
 * @param head      the first entries, first come first
 * @param positions 1-based positions of the entries asked about that are still queued
 */
public record QueueView(int length, List<QueueEntry> head, Map<String, Integer> positions, Staffing staffing) {
  public QueueView {
    head = List.copyOf(head);
    positions = Map.copyOf(positions);
  }

  /** 1-based position of an entry asked about, or 0 when it is not queued. */
  public int positionOf(String entryId) {
    return positions.getOrDefault(entryId, 0);
  }

  public OptionalLong estimateFor(WaitEstimator estimator, int position) {
    return estimator.estimateSeconds(position, staffing.totalSlots(), staffing.busySlots(),
        staffing.recentDurations());
  }
}
