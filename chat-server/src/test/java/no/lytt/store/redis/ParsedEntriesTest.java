package no.lytt.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * The head of the queue is read with every join and announcement; a waiting visitor's record is
 * parsed once and then recognised by its text, and still read right after the cache has been
 * emptied for being full.
 */
class ParsedEntriesTest {
  private final ParsedEntries entries = new ParsedEntries();

  @Test
  void aRecordReadAgainIsTheVisitorItWasAndAnotherRecordIsAnotherVisitor() {
    QueueEntry waiting = entry(1);
    String text = StoreJson.entry(waiting);
    assertEquals(waiting, entries.entry(text));
    assertEquals(waiting, entries.entry(text));
    assertEquals(entry(2), entries.entry(StoreJson.entry(entry(2))));
  }

  @Test
  void manyMoreVisitorsThanItKeepsAreEachReadRightEveryTime() {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 3_000; i++) {
        assertEquals(entry(i), entries.entry(StoreJson.entry(entry(i))));
      }
    }
  }

  private static QueueEntry entry(int i) {
    return new QueueEntry("e" + i, "h" + i, i % 2 == 0 ? Preference.values()[0] : Preference.values()[1],
        i % 3 == 0 ? Language.EN : Language.NB, Instant.ofEpochMilli(1_700_000_000_123L + i));
  }
}
