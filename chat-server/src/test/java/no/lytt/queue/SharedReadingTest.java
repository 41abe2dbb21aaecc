package no.lytt.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedReadingTest {
  private final List<Promise<Integer>> reads = new ArrayList<>();
  private final SharedReading<Integer> reading = new SharedReading<>(() -> {
    Promise<Integer> p = Promise.promise();
    reads.add(p);
    return p.future();
  });

  @Test
  void askersWhileAReadingIsUnderWayShareIt() {
    Future<Integer> first = reading.get();
    Future<Integer> second = reading.get();
    assertEquals(1, reads.size(), "one reading for both");
    reads.get(0).complete(7);
    assertEquals(7, first.result());
    assertEquals(7, second.result());
  }

  @Test
  void anAskerAfterTheReadingCameBackReadsAgain() {
    reading.get();
    reads.get(0).complete(1);
    Future<Integer> later = reading.get();
    assertEquals(2, reads.size(), "a new reading, not the old answer");
    reads.get(1).complete(2);
    assertEquals(2, later.result());
  }

  @Test
  void aFailedReadingIsNotKept() {
    Future<Integer> failed = reading.get();
    reads.get(0).fail(new IllegalStateException("store away"));
    assertSame(true, failed.failed());
    Future<Integer> next = reading.get();
    reads.get(1).complete(3);
    assertEquals(3, next.result());
  }
}
