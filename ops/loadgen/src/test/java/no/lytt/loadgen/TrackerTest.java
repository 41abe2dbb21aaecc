package no.lytt.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bookkeeping every result rests on: counters, duplicates, gaps, the window, latencies. */
class TrackerTest {
  /** Remembers what was sent instead of sending it. */
  private static final class Recorded implements ChatTarget {
    final List<String> payloads = new ArrayList<>();

    @Override
    public Future<Void> open(int chats) {
      return Future.succeededFuture();
    }

    @Override
    public void send(int chat, int side, String payload) {
      payloads.add(payload);
    }

    @Override
    public void pauseReader(int chat, boolean paused) {
    }

    @Override
    public int connections() {
      return 0;
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  @Test
  void payloadCarriesDueTimeAndCounterAtTheRequestedLength() {
    String p = Payload.make(123_456_789L, 42, Payload.PEER_BYTES);
    assertEquals(Payload.PEER_BYTES, p.length());
    assertEquals(123_456_789L, Payload.intended(p));
    assertEquals(42, Payload.counter(p));
  }

  @Test
  void duplicatesAndGapsAreCountedAndEachMessageOnlyOnce() {
    Tracker t = new Tracker(1, 100);
    Recorded target = new Recorded();
    for (int i = 0; i < 3; i++) {
      t.send(target, 0, 0, System.nanoTime(), 40);
    }
    t.received(0, 0, target.payloads.get(0));
    t.received(0, 0, target.payloads.get(0));
    t.received(0, 0, target.payloads.get(2));
    assertEquals(3, t.sent());
    assertEquals(2, t.received());
    assertEquals(1, t.duplicates());
    assertEquals(1, t.gaps());
    assertEquals(2, t.interval().getTotalCount());
  }

  @Test
  void aFullWindowHoldsBackInsteadOfSending() {
    Tracker t = new Tracker(1, 2);
    Recorded target = new Recorded();
    for (int i = 0; i < 5; i++) {
      t.send(target, 0, 1, System.nanoTime(), 40);
    }
    assertEquals(2, t.sent());
    assertEquals(3, t.held());
    t.received(0, 1, target.payloads.get(0));
    t.send(target, 0, 1, System.nanoTime(), 40);
    assertEquals(3, t.sent());
  }

  @Test
  void anExcludedChatCountsButIsNotTimed() {
    Tracker t = new Tracker(2, 10);
    Recorded target = new Recorded();
    t.exclude(0);
    t.send(target, 0, 0, System.nanoTime(), 40);
    t.send(target, 1, 0, System.nanoTime(), 40);
    t.received(0, 0, target.payloads.get(0));
    t.received(1, 0, target.payloads.get(1));
    assertEquals(2, t.received());
    assertEquals(1, t.interval().getTotalCount());
  }
}
