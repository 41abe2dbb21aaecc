package no.lytt.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator against a real Lytt node it starts as a process of its own: a few chats with
 * real crypto relay messages both ways for a few seconds. Checks correctness only — every message
 * arrived once, in order, with no error and the server's numbers were read — never a timing,
 * which belongs to the benchmark (docs/performance.md).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelaySmokeTest {
  @Test
  void everyMessageArrivesExactlyOnce() throws Exception {
    Report report = Main.run(Settings.parse("scenario=relay", "target=lytt", "chats=4", "rates=100",
        "duration=2", "warmup=1", "dir=target/smoke-run", "server-heap=256m"));

    Map<String, Object> row = report.rows().get(0);
    assertEquals(200L, row.get("sent"));
    assertEquals(0L, row.get("lost"));
    assertEquals(0L, row.get("duplicates"));
    assertEquals(0L, row.get("gaps"));
    assertEquals(0L, row.get("held_back"));
    assertEquals(0L, row.get("errors"));
    assertEquals(5, row.get("connections"), "four visitors and one console");
    assertTrue((double) row.get("heap_after_gc_mb") > 0, "heap after GC read from the node: " + row);
    assertTrue((double) row.get("rss_mb") > 0, "RSS read from the node: " + row);
  }
}
