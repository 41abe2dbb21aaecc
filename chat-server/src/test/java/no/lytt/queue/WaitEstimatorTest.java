package no.lytt.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {
  private final WaitEstimator estimator = new WaitEstimator(Duration.ofMinutes(20));

  @Test
  void nobodyOnDutyMeansNoNumberAtAll() {
    assertTrue(estimator.estimateSeconds(1, 0, 0, List.of()).isEmpty());
  }

  @Test
  void aFreeSlotMeansNoWait() {
    assertEquals(0, estimator.estimateSeconds(1, 2, 1, List.of()).getAsLong());
  }

  @Test
  void withAllSlotsBusyTheWaitIsSlotsToFreeTimesTypicalDurationOverSlots() {
    // Two counsellors with capacity 2 each, all busy, 20-minute chats: position 2 waits 2 * 20 / 4 = 10 min.
    assertEquals(600, estimator.estimateSeconds(2, 4, 4, List.of()).getAsLong());
  }

  @Test
  void recentDurationsReplaceTheDefaultByTheirMedian() {
    List<Duration> recent = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(10));
    // median 10 minutes, one slot, position 1, slot busy: 10 minutes.
    assertEquals(600, estimator.estimateSeconds(1, 1, 1, recent).getAsLong());
  }

  @Test
  void estimatesAreRoundedUpToWholeMinutes() {
    // 20 min * 1 / 3 slots = 400 s -> 420 s.
    assertEquals(420, estimator.estimateSeconds(1, 3, 3, List.of()).getAsLong());
  }
}
