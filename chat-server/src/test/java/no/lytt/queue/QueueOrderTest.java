package no.lytt.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueOrderTest {
  private static final Instant T0 = Instant.parse("2026-11-23T17:00:00Z");
  private final CounsellorProfile man = new CounsellorProfile("ola", Gender.MAN, Set.of(Language.NB, Language.EN));
  private final CounsellorProfile woman = new CounsellorProfile("kari", Gender.WOMAN, Set.of(Language.NB));

  private static QueueEntry entry(String id, int secondsAfter, Preference p, Language l) {
    return new QueueEntry(id, "h-" + id, p, l, T0.plusSeconds(secondsAfter));
  }

  private static List<QueueEntry> ordered(QueueEntry... entries) {
    return List.of(entries).stream().sorted(QueueOrder.FIRST_COME).toList();
  }

  @Test
  void firstComeIsFirstServed() {
    List<QueueEntry> q = ordered(entry("b", 10, Preference.NONE, Language.NB), entry("a", 0, Preference.NONE, Language.NB));
    assertEquals("a", QueueOrder.nextFor(man, q).orElseThrow().id());
  }

  @Test
  void aVisitorWhoAskedForAWomanIsSkippedByAManButKeepsTheirPlace() {
    List<QueueEntry> q = ordered(entry("wants-woman", 0, Preference.WOMAN, Language.NB),
        entry("anyone", 5, Preference.NONE, Language.NB));
    assertEquals("anyone", QueueOrder.nextFor(man, q).orElseThrow().id());
    assertEquals("wants-woman", QueueOrder.nextFor(woman, q).orElseThrow().id());
    assertEquals(1, QueueOrder.positionOf("wants-woman", q));
  }

  @Test
  void languageMustBeOneTheCounsellorSpeaks() {
    List<QueueEntry> q = ordered(entry("en", 0, Preference.NONE, Language.EN));
    assertTrue(QueueOrder.nextFor(woman, q).isEmpty());
    assertEquals("en", QueueOrder.nextFor(man, q).orElseThrow().id());
  }

  @Test
  void sameArrivalTimeIsOrderedByIdSoEveryNodeAgrees() {
    List<QueueEntry> q = ordered(entry("y", 0, Preference.NONE, Language.NB), entry("x", 0, Preference.NONE, Language.NB));
    assertEquals(List.of("x", "y"), q.stream().map(QueueEntry::id).toList());
  }

  @Test
  void positionOfSomeoneNotQueuedIsZero() {
    assertEquals(0, QueueOrder.positionOf("ghost", List.of()));
  }
}
