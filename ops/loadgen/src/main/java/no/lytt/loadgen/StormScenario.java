package no.lytt.loadgen;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * {@code scenario=reconnect-storm visitors=N}: two nodes on Redis, N chats with every visitor on
 * node 0 and every counsellor on node 1, messages flowing both ways at {@code rate}. Node 0 is
 * restarted (SIGTERM, as a rolling deploy does: Lytt closes its sockets with 1001); each visitor
 * reconnects to it at a random moment within {@code window} seconds of losing its socket,
 * retrying with the visitor page's backoff (full jitter, 500 ms doubling to 15 s, at least 250 ms)
 * while the node cannot take it yet, and resumes. Messages keep coming
 * meanwhile: the counsellors' are held by the store and re-sent on resume; a visitor sends nothing
 * while away and re-sends its unacknowledged ones after. Then every message must have arrived
 * exactly once.
 *
 * <p>Reconnects follow the page ({@link Reconnects}); an attempt that connects but gets no
 * {@code welcome} (or no {@code resumed}) within 5 s is dropped and retried, and counted as
 * {@code no_answer}.
 */
final class StormScenario {
  private static final long DRAIN_MS = 60_000;
  private StormScenario() {
  }

  static void run(Settings s, Report report) throws InterruptedException {
    int chats = s.integer("visitors", 200);
    int rate = s.integer("rate", 200);
    double window = s.decimal("window", 10);
    double warmup = s.decimal("warmup", 3);
    int capacity = 20;
    try (Stack stack = Stack.start(s, Stack.Target.LYTT, 2, true, (chats + capacity - 1) / capacity);
         LoadClients clients = new LoadClients(chats * 2)) {
      Tracker tracker = new Tracker(chats, s.integer("window-messages", 200));
      LyttChats lytt = new LyttChats(clients.vertx, clients.sources, stack.lyttNodes(), tracker, 0, 1, capacity);
      LoadClients.await(lytt.open(chats), 600);
      Recorder away = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
      LongAdder reconnected = new LongAdder();
      LongAdder dropped = new LongAdder();
      double sendSeconds = warmup + window + s.decimal("after", 10);
      Thread sender = new Thread(() -> OpenLoop.run(clients.vertx, lytt, tracker, chats, rate, sendSeconds,
          Payload.LYTT_TEXT), "open-loop");
      sender.start();
      Thread.sleep((long) (warmup * 1000));
      long deadline = System.currentTimeMillis() + 120_000;
      // A gap makes its receiver reconnect (LyttChats) until the drain is over.
      lytt.reconnects().until(deadline + DRAIN_MS);
      for (int i = 0; i < chats; i++) {
        int chat = i;
        lytt.visitorOf(chat).transport().closed().onComplete(c -> {
          dropped.increment();
          long lost = System.nanoTime();
          long delay = 1 + ThreadLocalRandom.current().nextLong((long) (window * 1000));
          lytt.reconnectVisitor(chat, delay).onSuccess(r -> {
            away.recordValue(Math.min(TimeUnit.MINUTES.toMicros(10), (System.nanoTime() - lost) / 1000));
            reconnected.increment();
          });
        });
      }
      long restart0 = System.nanoTime();
      stack.stop(0);
      stack.start(0);
      double restartSeconds = (System.nanoTime() - restart0) / 1e9;
      sender.join();
      while (reconnected.sum() < dropped.sum() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      boolean drained = tracker.drain(DRAIN_MS);
      Map<String, Object> row = report.row();
      row.put("scenario", "reconnect-storm");
      row.put("visitors", chats);
      row.put("restart_s", Math.round(restartSeconds * 10) / 10.0);
      row.put("dropped", dropped.sum());
      row.put("reconnected", reconnected.sum());
      row.put("retries", lytt.reconnects().failures());
      row.put("resyncs", lytt.resyncs());
      row.put("reconnecting", lytt.reconnects().underWay());
      row.put("receive_gaps", lytt.receiveGaps());
      row.put("server_errors", lytt.serverErrors());
      Report.latencies(row, "away_", away.getIntervalHistogram());
      row.put("sent", tracker.sent());
      row.put("received", tracker.received());
      row.put("lost", tracker.sent() - tracker.received());
      row.put("duplicates", tracker.duplicates());
      row.put("gaps", tracker.gaps());
      row.put("missing", tracker.missing());
      row.put("stuck", lytt.ends(tracker.missingChats(1, 5)));
      row.put("stuck_visitor_sent", lytt.ends(tracker.missingChats(0, 5)));
      // Whether the store holds what is missing: the visitors of those chats resume once more (in
      // either direction: their resume sends the counsellor the visitor's unacknowledged tail).
      java.util.List<Integer> stuck = new java.util.ArrayList<>(tracker.missingChats(1, 50));
      tracker.missingChats(0, 50).stream().filter(chat -> !stuck.contains(chat)).forEach(stuck::add);
      stuck.forEach(chat -> lytt.reconnectVisitor(chat, 1));
      if (!stuck.isEmpty()) {
        tracker.drain(15_000);
      }
      row.put("missing_after_resume", tracker.missing());
      row.put("errors", tracker.errors());
      row.put("drained", drained);
      row.put("load_avg", Report.loadAverage());
      LoadClients.await(lytt.close(), 300);
    }
  }
}
