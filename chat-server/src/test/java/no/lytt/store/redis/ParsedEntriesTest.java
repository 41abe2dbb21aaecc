package no.lytt.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * The head of the queue is read with every join and announcement: the visitors still waiting are
 * recognised by their record's text instead of parsed again, newcomers are read, and the order is
 * the store's.
 */
class ParsedEntriesTest {
  private final ParsedEntries entries = new ParsedEntries();

  @Test
  void theHeadReadAgainHasTheSameVisitorsInTheStoresOrderWithNewcomersRead() {
    List<QueueEntry> first = entries.head(texts(0, 1, 2));
    assertEquals(List.of(entry(0), entry(1), entry(2)), first);

    List<QueueEntry> next = entries.head(texts(1, 2, 3));
    assertEquals(List.of(entry(1), entry(2), entry(3)), next);
    // Still waiting: recognised, not parsed again.
    assertSame(first.get(1), next.get(0));
    assertSame(first.get(2), next.get(1));
  }

  @Test
  void aVisitorWhoLeftTheHeadAndCameBackIsReadAgainCorrectly() {
    entries.head(texts(0, 1));
    entries.head(texts(1));
    assertEquals(List.of(entry(0), entry(1)), entries.head(texts(0, 1)));
    assertEquals(List.of(), entries.head(List.of()));
  }

  private static List<Object> texts(int... ids) {
    return IntStream.of(ids).mapToObj(i -> (Object) StoreJson.entry(entry(i))).toList();
  }

  private static QueueEntry entry(int i) {
    return new QueueEntry("e" + i, "h" + i, Preference.values()[i % Preference.values().length],
        i % 2 == 0 ? Language.EN : Language.NB, Instant.ofEpochMilli(1_700_000_000_123L + i));
  }
}
