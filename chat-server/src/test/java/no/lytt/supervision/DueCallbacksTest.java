package no.lytt.supervision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.lytt.callback.CallbackWindow;
import no.lytt.callback.Item;
import no.lytt.callback.ItemState;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import org.junit.jupiter.api.Test;

/** A callback is due once its first window has begun, unless someone holds it or it rests after no answer. */
class DueCallbacksTest {
  private static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");

  private static Item waiting(Instant windowFrom) {
    return new Item("cb", Item.Kind.CALLBACK, "lookup", Map.of("d1", new Item.Sealed("enc", "ct")),
        List.of(new CallbackWindow(windowFrom, windowFrom.plus(Duration.ofHours(1)))), Preference.NONE, Language.NB,
        NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), null, ItemState.WAITING, 0, null, null, null,
        null, 0);
  }

  @Test
  void dueFromTheStartOfItsWindowAndStillWhenTheWindowHasPassed() {
    assertFalse(ServiceOverview.due(waiting(NOW.plusSeconds(60)), NOW));
    assertTrue(ServiceOverview.due(waiting(NOW), NOW));
    assertTrue(ServiceOverview.due(waiting(NOW.minus(Duration.ofHours(3))), NOW), "overdue is due");
  }

  @Test
  void notDueWhileClaimedOrRestingAfterNoAnswer() {
    Item begun = waiting(NOW.minusSeconds(600));
    assertFalse(ServiceOverview.due(begun.claimed("kari", NOW.plusSeconds(900)), NOW));
    assertTrue(ServiceOverview.due(begun.claimed("kari", NOW.minusSeconds(1)), NOW), "a lapsed claim frees it");
    Item resting = begun.claimed("kari", NOW.plusSeconds(900)).unanswered(NOW.plusSeconds(1800), 3);
    assertFalse(ServiceOverview.due(resting, NOW));
    assertTrue(ServiceOverview.due(resting, NOW.plusSeconds(1800)));
  }
}
