package no.lytt.loadgen;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import no.lytt.client.ProtocolError;
import no.lytt.client.VisitorClient;
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
 * <p>An attempt that connects but gets no {@code welcome} (or no {@code resumed}) within 5 s is
 * dropped and retried, and counted as {@code no_answer}: a node that cannot compute the welcome's
 * status (Redis commands timing out on a node that has just started) sends none.
 */
final class StormScenario {
  private static final long ATTEMPT_TIMEOUT_MS = 5_000;

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
      Map<String, LongAdder> failures = new java.util.concurrent.ConcurrentHashMap<>();
      double sendSeconds = warmup + window + s.decimal("after", 10);
      Thread sender = new Thread(() -> OpenLoop.run(lytt, tracker, chats, rate, sendSeconds,
          Payload.LYTT_TEXT), "open-loop");
      sender.start();
      Thread.sleep((long) (warmup * 1000));
      long deadline = System.currentTimeMillis() + 120_000;
      for (int i = 0; i < chats; i++) {
        int chat = i;
        VisitorClient v = lytt.visitorOf(chat);
        v.transport().closed().onComplete(c -> {
          dropped.increment();
          lytt.away(chat, true);
          long lost = System.nanoTime();
          long delay = 1 + ThreadLocalRandom.current().nextLong((long) (window * 1000));
          clients.vertx.setTimer(delay, t -> reconnect(clients, lytt, chat, v, 0, lost, deadline, away, reconnected,
              failures));
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
      boolean drained = tracker.drain(30_000);
      Map<String, Object> row = report.row();
      row.put("scenario", "reconnect-storm");
      row.put("visitors", chats);
      row.put("restart_s", Math.round(restartSeconds * 10) / 10.0);
      row.put("dropped", dropped.sum());
      row.put("reconnected", reconnected.sum());
      row.put("retries", new java.util.TreeMap<>(failures).toString());
      row.put("server_errors", lytt.serverErrors());
      Report.latencies(row, "away_", away.getIntervalHistogram());
      row.put("sent", tracker.sent());
      row.put("received", tracker.received());
      row.put("lost", tracker.sent() - tracker.received());
      row.put("duplicates", tracker.duplicates());
      row.put("gaps", tracker.gaps());
      row.put("errors", tracker.errors());
      row.put("drained", drained);
      row.put("load_avg", Report.loadAverage());
      LoadClients.await(lytt.close(), 300);
    }
  }

  /**
   * One reconnect attempt, retried after {@link #backoff} until it succeeds or the run's deadline passes. An
   * attempt that has neither succeeded nor failed after {@link #ATTEMPT_TIMEOUT_MS} is given up and
   * counted ({@code no_answer}), as a page would give up on a socket that never says welcome.
   */
  private static void reconnect(LoadClients clients, LyttChats lytt, int chat, VisitorClient v, int attempt, long lostAt,
                                long deadline, Recorder away, LongAdder reconnected,
                                Map<String, LongAdder> failures) {
    AtomicBoolean settled = new AtomicBoolean();
    Runnable retry = () -> {
      if (System.currentTimeMillis() < deadline) {
        clients.vertx.setTimer(backoff(attempt), t -> reconnect(clients, lytt, chat, v, attempt + 1, lostAt, deadline,
            away, reconnected, failures));
      }
    };
    long timer = clients.vertx.setTimer(ATTEMPT_TIMEOUT_MS, t -> {
      if (settled.compareAndSet(false, true)) {
        failures.computeIfAbsent("no_answer", k -> new LongAdder()).increment();
        v.disconnect().onComplete(d -> retry.run());
      }
    });
    v.reconnect().onComplete(r -> {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      clients.vertx.cancelTimer(timer);
      if (r.succeeded()) {
        away.recordValue(Math.min(TimeUnit.MINUTES.toMicros(10), (System.nanoTime() - lostAt) / 1000));
        reconnected.increment();
        lytt.away(chat, false);
      } else {
        // The reason's kind only (an error code or an exception class), never a message.
        Throwable e = r.cause();
        String kind = e instanceof ProtocolError pe ? pe.code() : e.getClass().getSimpleName();
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        retry.run();
      }
    });
  }

  /**
   * The visitor page's delay before reconnect attempt {@code attempt} ({@code backoffDelay} in
   * {@code transport/connection.js}): uniform up to 500 ms doubled per attempt, at most 15 s, at
   * least 250 ms. Retrying at a fixed short interval instead keeps a restarted node busy answering
   * retries and models no client Lytt ships.
   */
  static long backoff(int attempt) {
    long ceiling = Math.min(15_000, 500L << Math.min(attempt, 16));
    return Math.max(250, (long) (ThreadLocalRandom.current().nextDouble() * ceiling));
  }
}
