package no.lytt.queue;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The queue's rules: first come, first served, and a counsellor takes the longest-waiting visitor
 * they match. A visitor who asked for a woman is skipped by a man, but keeps their place for the
 * next woman on duty; nobody behind them overtakes them for a counsellor they would accept.
 */
public final class QueueOrder {
  /** Earliest first; the id breaks ties so the order is total and the same on every node. */
  public static final Comparator<QueueEntry> FIRST_COME =
      Comparator.comparing(QueueEntry::joinedAt).thenComparing(QueueEntry::id);

  private QueueOrder() {
  }

  /** The entry a counsellor gets from "accept next", from entries already in queue order. */
  public static Optional<QueueEntry> nextFor(CounsellorProfile counsellor, Collection<QueueEntry> ordered) {
    return ordered.stream().filter(counsellor::matches).findFirst();
  }

  /** 1-based position of an entry in the ordered queue, or 0 when it is not there. */
  public static int positionOf(String entryId, List<QueueEntry> ordered) {
    for (int i = 0; i < ordered.size(); i++) {
      if (ordered.get(i).id().equals(entryId)) {
        return i + 1;
      }
    }
    return 0;
  }
}
