package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.VisitorClient;
import org.HdrHistogram.Recorder;

/**
 * {@code scenario=churn}: the queue under a stream of visitors, on Redis by default.
 *
 * <ol>
 *   <li>Round trips: with nobody on duty, {@code join-rate} visitors a second join for
 *       {@code rt-seconds}; the commands clients send to Redis are counted with
 *       {@link RedisRoundTrips}, less what the idle node sends in the same time (heartbeats,
 *       sweeps), divided by the joins.</li>
 *   <li>Churn: {@code counsellors} consoles on duty, each accepting whenever its queue view shows
 *       someone and it has room; visitors join on an open-loop schedule at {@code join-rate} for
 *       {@code duration} s. On accept the counsellor sends one message and ends the chat once the
 *       visitor has it. Measured: join → verified offer at the visitor, and accept → first message
 *       opened by the visitor. Every visitor counts the offers it receives; a second one is a
 *       double assignment (two counsellors got the same visitor). The same churn runs first for
 *       {@code warmup} s (default 20) without being recorded, so the node is measured warm. Each
 *       visitor's page opens its socket 2 s before they join and closes it 1 s after their chat
 *       ended, so sockets come and go at the join rate.</li>
 * </ol>
 *
 * <p>{@code join-trace=PREFIX} writes each phase's joins, one line each (due time, wait for the
 * offer), to {@code PREFIX-warmup-1.csv}, {@code PREFIX-warmup-2.csv} and {@code PREFIX-measured.csv}.
 */
final class ChurnScenario {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
  private static final int PAGE_OPEN_BEFORE_JOIN_S = 2;
  private static final long PAGE_CLOSED_AFTER_END_MS = 1_000;

  private ChurnScenario() {
  }

  static void run(Settings s, Report report) throws InterruptedException {
    int joinRate = s.integer("join-rate", 200);
    double duration = s.decimal("duration", 10);
    double rtSeconds = s.decimal("rt-seconds", 3);
    int counsellors = s.integer("counsellors", 20);
    int capacity = s.integer("capacity", 4);
    boolean redis = s.flag("redis", true);
    int visitors = (int) Math.ceil(joinRate * duration);
    int rtVisitors = (int) Math.ceil(joinRate * rtSeconds);
    int warmupVisitors = (int) Math.ceil(joinRate * s.decimal("warmup", 20));
    try (Stack stack = Stack.start(s, Stack.Target.LYTT, 1, redis, counsellors);
         LoadClients clients = new LoadClients(visitors + warmupVisitors + rtVisitors + counsellors)) {
      Tracker tracker = new Tracker(1, 1);
      LyttChats lytt = new LyttChats(clients.vertx, clients.sources, stack.lyttNodes(), tracker, 0, 0, capacity);
      Map<String, Object> row = report.row();
      row.put("scenario", "churn");
      row.put("join_rate", joinRate);
      if (stack.hasRedis()) {
        roundTrips(stack, lytt, clients, rtVisitors, joinRate, row);
      }
      churn(lytt, clients, visitors, warmupVisitors, joinRate, counsellors, capacity, s.text("join-trace", ""), row);
      row.put("cpu_s", Math.round(stack.cpuMillis() / 100.0) / 10.0);
      Report.memory(row, stack.memory());
      row.put("load_avg", Report.loadAverage());
      LoadClients.await(lytt.close(), 300);
    }
  }

  private static void roundTrips(Stack stack, LyttChats lytt, LoadClients clients, int count, int rate,
                                 Map<String, Object> row) throws InterruptedException {
    // A node fresh from start may not welcome all of a burst of connects (its store calls time
    // out): such a visitor is let go and another connects, as a reloaded page would.
    java.util.concurrent.atomic.AtomicReferenceArray<VisitorClient> connected =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(count);
    LoadClients.await(Parallel.run(count, 200, i -> Patience.retry(clients.vertx, () -> {
      VisitorClient v = lytt.visitor();
      return v.connect(lytt.nodes().visitorUri(0), lytt.nodes().origin()).map(v).onFailure(e -> v.disconnect());
    }).onSuccess(v -> connected.set(i, v))), 600);
    List<VisitorClient> waiting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      waiting.add(connected.get(i));
    }
    long quiet = 3_000;
    try (RedisRoundTrips monitor = stack.watchRedis()) {
      Map<String, Long> before = monitor.counts();
      Thread.sleep(quiet);
      Map<String, Long> start = monitor.counts();
      double backgroundPerMs = (total(start) - total(before)) / (double) quiet;
      long t0 = System.currentTimeMillis();
      List<Future<JsonObject>> joins = new ArrayList<>();
      schedule(count, rate, i -> joins.add(waiting.get(i).join("none", "nb")));
      // A join that fails (refused as unavailable while Redis is slow, or its socket closed) is
      // counted, not fatal: only the joins that went through are divided by, so the round trips
      // the failed ones cost raise the figure a little.
      LoadClients.await(Future.join(joins).otherwiseEmpty(), 600);
      Thread.sleep(500);
      Map<String, Long> end = monitor.counts();
      long elapsed = System.currentTimeMillis() - t0;
      long joined = joins.stream().filter(Future::succeeded).count();
      double trips = total(end) - total(start) - backgroundPerMs * elapsed;
      row.put("rt_joins", joined);
      row.put("rt_joins_failed", joins.size() - joined);
      row.put("redis_round_trips_per_join", Math.round(trips / Math.max(1, joined) * 100) / 100.0);
      StringBuilder perCommand = new StringBuilder();
      end.forEach((cmd, n) -> {
        long delta = n - start.getOrDefault(cmd, 0L);
        if (delta > 0) {
          perCommand.append(perCommand.isEmpty() ? "" : " ").append(cmd).append('=')
              .append(Math.round(delta * 100.0 / Math.max(1, joined)) / 100.0);
        }
      });
      row.put("redis_round_trips_by_command", perCommand.toString());
      row.put("redis_background_per_s", Math.round(backgroundPerMs * 1000));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // Leave first: a visitor who only disconnects keeps the place for the grace period, and the
    // counsellors of the next phase would be offered people who are gone.
    LoadClients.await(Future.join(waiting.stream()
        .map(v -> Patience.retry(clients.vertx, v::leave).transform(r -> v.close())).toList()), 300);
  }

  private static void churn(LyttChats lytt, LoadClients clients, int count, int warmupCount, int rate,
                            int counsellors, int capacity, String trace, Map<String, Object> row)
      throws InterruptedException {
    Map<String, Long> acceptStarted = new ConcurrentHashMap<>();
    Map<String, Console> consoleOf = new ConcurrentHashMap<>();
    Set<String> takenBack = ConcurrentHashMap.newKeySet();
    List<Console> consoles = new ArrayList<>();
    for (int i = 0; i < counsellors; i++) {
      consoles.add(new Console(LoadClients.await(lytt.onDuty(i), 120), capacity, acceptStarted, consoleOf,
          takenBack));
    }
    // A join answered `unavailable` above may have been stored all the same (its answer timed out):
    // nobody can take that place back, and it stays until the grace period after its socket closed.
    // Consoles accepting those would fill their slots with offers nobody answers, so they start
    // only once the queue they see is empty.
    long waitStarted = System.nanoTime();
    Console watching = consoles.get(0);
    long deadline = waitStarted + java.util.concurrent.TimeUnit.SECONDS.toNanos(300);
    while (!(watching.sawQueue && !watching.queueNonEmpty) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    row.put("waited_for_empty_queue_s", Math.round((System.nanoTime() - waitStarted) / 1e8) / 10.0);
    consoles.forEach(c -> c.started = true);
    long poke = clients.vertx.setPeriodic(50, t -> consoles.forEach(Console::tryAccept));
    try {
      if (warmupCount > 0) {
        // A node that has just started spends half its core compiling for the first tens of
        // seconds; a service that has been up for a day does not. The same churn, not recorded,
        // brings the node (and the load generator) to that state. In two halves, so that the end
        // of a phase has run once before the last one: code run for the first time there makes
        // the load generator's JIT recompile its hot paths, which would land in the measured start.
        Map<String, Object> first = new java.util.LinkedHashMap<>();
        Map<String, Object> warm = new java.util.LinkedHashMap<>();
        new Phase(acceptStarted, consoleOf, takenBack).run(lytt, warmupCount / 2, rate, first,
            traceFile(trace, "warmup-1"));
        new Phase(acceptStarted, consoleOf, takenBack).run(lytt, warmupCount - warmupCount / 2, rate, warm,
            traceFile(trace, "warmup-2"));
        row.put("warmup_joins", warmupCount);
        row.put("warmup_served", ((Number) first.get("first_messages")).longValue()
            + ((Number) warm.get("first_messages")).longValue());
        // Of the warm-up's second half.
        row.put("warmup_join_to_offer_p99_ms", warm.get("join_to_offer_p99_ms"));
      }
      new Phase(acceptStarted, consoleOf, takenBack).run(lytt, count, rate, row, traceFile(trace, "measured"));
    } finally {
      clients.vertx.cancelTimer(poke);
    }
    row.put("accepts", consoles.stream().mapToLong(c -> c.accepts.get()).sum());
    // Accepts that found nobody: every console sees a newcomer at once and all of them press.
    Map<String, Integer> refused = new java.util.TreeMap<>();
    consoles.forEach(c -> c.refusals.forEach((code, n) -> refused.merge(code, n, Integer::sum)));
    row.put("accepts_refused", refused.values().stream().mapToInt(Integer::intValue).sum());
    row.put("accepts_refused_by_code", refused.toString());
    // A run that served nobody at the end says why from the consoles' side.
    row.put("consoles_accepting", consoles.stream().filter(c -> c.accepting.get()).count());
    row.put("consoles_full", consoles.stream().filter(c -> c.held.size() >= c.capacity).count());
    row.put("consoles_seeing_queue", consoles.stream().filter(c -> c.queueNonEmpty).count());
  }

  /** One stream of visitors joining at a rate, each served by the consoles on duty. */
  private record Phase(Map<String, Long> acceptStarted, Map<String, Console> consoleOf, Set<String> takenBack) {

    /** @param trace where to write each join's due time and wait, or null for nowhere */
    void run(LyttChats lytt, int count, int rate, Map<String, Object> row, java.nio.file.Path trace)
        throws InterruptedException {
      Recorder joinToOffer = new Recorder(MAX_MICROS, 3);
      Recorder acceptToFirst = new Recorder(MAX_MICROS, 3);
      LongAdder offered = new LongAdder();
      LongAdder firstMessages = new LongAdder();
      LongAdder joinErrors = new LongAdder();
      // Each join's due time and its wait for the offer, for a trace of the phase second by second.
      long[] due = new long[count];
      java.util.concurrent.atomic.AtomicLongArray waited = new java.util.concurrent.atomic.AtomicLongArray(count);
      // Offers a visitor got, by chat id; and the chats a counsellor was told were taken back
      // (unanswered for 30 s): a visitor offered again after that was never held by two at once.
      Map<VisitorClient, List<String>> offersTo = new ConcurrentHashMap<>();
      List<VisitorClient> waiting = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        VisitorClient v = lytt.visitor();
        v.onMessage(m -> {
          Long started = acceptStarted.remove(m.chatId());
          if (started != null) {
            acceptToFirst.recordValue(micros(System.nanoTime() - started));
            firstMessages.increment();
            Console c = consoleOf.remove(m.chatId());
            if (c != null) {
              c.finish(m.chatId());
            }
          }
        });
        waiting.add(v);
      }
      // A visitor's page is open a moment before they ask for a place, and closed a moment after
      // their chat ends: sockets open and close at the join rate, as they would, instead of a
      // phase's thousands at once just before the measured joins (whose garbage and compiling then
      // land in them).
      int lead = Math.min(count, Math.max(1, rate * PAGE_OPEN_BEFORE_JOIN_S));
      List<Future<?>> connects = new ArrayList<>(java.util.Collections.nCopies(count, null));
      java.util.function.IntFunction<Future<?>> open = i -> {
        VisitorClient v = waiting.get(i);
        Future<?> connected = v.connect(lytt.nodes().visitorUri(0), lytt.nodes().origin());
        connected.onSuccess(welcome -> v.frames().next("ended")
            .onSuccess(ended -> lytt.vertx().setTimer(PAGE_CLOSED_AFTER_END_MS, t -> v.close())));
        return connected;
      };
      LoadClients.await(Parallel.run(lead, 200, i -> {
        Future<?> connected = open.apply(i);
        connects.set(i, connected);
        return connected;
      }), 600);
      schedule(count, rate, (i, dueAt) -> {
        if (i + lead < count) {
          connects.set(i + lead, open.apply(i + lead));
        }
        VisitorClient v = waiting.get(i);
        recordOffers(v, offersTo.computeIfAbsent(v, k -> new CopyOnWriteArrayList<>()));
        due[i] = dueAt;
        connects.get(i).compose(connected -> v.join("none", "nb"))
            .onFailure(e -> joinErrors.increment());
        v.chat().onSuccess(session -> {
          long micros = micros(System.nanoTime() - dueAt);
          waited.set(i, micros);
          joinToOffer.recordValue(micros);
          offered.increment();
        });
      });
      long deadline = System.currentTimeMillis() + 30_000;
      while (firstMessages.sum() < count && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      // Chats whose visitor never read the greeting (a phase that fell behind) would hold their
      // console's slot for ever once the visitor is closed below: end them.
      consoleOf.forEach((chatId, console) -> {
        if (consoleOf.remove(chatId) != null) {
          console.finish(chatId);
        }
      });
      acceptStarted.clear();
      if (trace != null) {
        writeTrace(trace, due, waited);
      }
      row.put("joins", count);
      row.put("offered_visitors", offered.sum());
      row.put("first_messages", firstMessages.sum());
      long reoffered = offersTo.values().stream().filter(ids -> ids.size() > 1).count();
      row.put("reoffered_after_take_back", reoffered);
      row.put("double_assignments", offersTo.values().stream().filter(ids -> heldTwice(ids, takenBack)).count());
      if (joinErrors.sum() > 0) {
        row.put("join_errors", joinErrors.sum());
      }
      Report.latencies(row, "join_to_offer_", joinToOffer.getIntervalHistogram());
      Report.latencies(row, "accept_to_first_", acceptToFirst.getIntervalHistogram());
      // The visitors of this phase are done: their sockets would only cost both sides memory.
      LoadClients.await(Future.join(waiting.stream().map(VisitorClient::close).toList()), 300);
    }
  }

  /**
   * Records the chat id of every offer one visitor receives. The next waiter is registered inside
   * the previous one's callback, on the event loop that delivers the frames, so no offer can slip
   * between two waiters.
   */
  private static void recordOffers(VisitorClient v, List<String> chatIds) {
    v.frames().next("offer").onSuccess(offer -> {
      chatIds.add(offer.getString("chatId"));
      recordOffers(v, chatIds);
    });
  }

  /**
   * Two counsellors held the visitor at once: an offer came while an earlier one was still a
   * counsellor's, that is, not taken back. The same offer sent again (after a resume) is one chat.
   */
  static boolean heldTwice(List<String> offeredChatIds, Set<String> takenBack) {
    List<String> distinct = offeredChatIds.stream().distinct().toList();
    return distinct.subList(0, Math.max(0, distinct.size() - 1)).stream().anyMatch(id -> !takenBack.contains(id));
  }

  private static java.nio.file.Path traceFile(String prefix, String phase) {
    return prefix.isEmpty() ? null : java.nio.file.Path.of(prefix + "-" + phase + ".csv");
  }

  /**
   * One line per join: milliseconds from the phase's first due time, and the wait for the offer in
   * microseconds (0 if none came); the first line gives the first due time as wall-clock time, to
   * line the trace up with a GC log or a CPU reading. A p99 says how long the tail is; this says
   * whether it was one stall and the queue behind it, or waits spread over the phase.
   */
  private static void writeTrace(java.nio.file.Path file, long[] due, java.util.concurrent.atomic.AtomicLongArray waited) {
    if (due.length == 0) {
      return;
    }
    long firstDueEpochMs = System.currentTimeMillis() - (System.nanoTime() - due[0]) / 1_000_000;
    StringBuilder out = new StringBuilder("# first_due_epoch_ms " + firstDueEpochMs + "\n");
    for (int k = 0; k < due.length; k++) {
      out.append((due[k] - due[0]) / 1_000_000).append(',').append(waited.get(k)).append('\n');
    }
    try {
      java.nio.file.Files.writeString(file, out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long total(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long micros(long nanos) {
    return Math.min(MAX_MICROS, Math.max(0, nanos / 1000));
  }

  interface Due {
    void at(int index, long dueNanos);
  }

  /** Calls {@code action} for 0…count-1 at {@code rate} a second, each with its due time. */
  static void schedule(int count, int rate, Due action) {
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long left;
      while ((left = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(left);
      }
      action.at(i, due);
    }
  }

  static void schedule(int count, int rate, java.util.function.IntConsumer action) {
    schedule(count, rate, (i, due) -> action.accept(i));
  }

  /**
   * One counsellor's console: accepts whenever its queue view is not empty and it has room (one
   * accept in flight at a time, as a person clicks), greets, and ends each chat once the visitor
   * has read the greeting.
   */
  private static final class Console {
    private final CounsellorClient client;
    private final int capacity;
    private final Map<String, Long> acceptStarted;
    private final Map<String, Console> consoleOf;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepts = new AtomicInteger();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicBoolean accepting = new AtomicBoolean();
    private volatile boolean queueNonEmpty;
    /** Counts the queue views this console has seen: tells a view that came after a press. */
    private final java.util.concurrent.atomic.AtomicLong views = new java.util.concurrent.atomic.AtomicLong();
    /** Whether a queue view has reached this console since it went on duty. */
    private volatile boolean sawQueue;
    /** Accepts nothing before the run starts. */
    private volatile boolean started;

    Console(CounsellorClient client, int capacity, Map<String, Long> acceptStarted,
            Map<String, Console> consoleOf, Set<String> takenBack) {
      this.client = client;
      this.capacity = capacity;
      this.acceptStarted = acceptStarted;
      this.consoleOf = consoleOf;
      watchTakeBacks(takenBack);
      client.onQueue(q -> {
        queueNonEmpty = !q.getJsonArray("entries").isEmpty();
        views.incrementAndGet();
        sawQueue = true;
        tryAccept();
      });
    }

    void tryAccept() {
      if (!started || !queueNonEmpty || held.size() >= capacity || !accepting.compareAndSet(false, true)) {
        return;
      }
      long started = System.nanoTime();
      long pressedAtView = views.get();
      client.accept().onComplete(r -> accepting.set(false))
          .onSuccess(accepted -> {
            String chatId = accepted.getString("chatId");
            held.add(chatId);
            accepts.incrementAndGet();
            acceptStarted.put(chatId, started);
            consoleOf.put(chatId, this);
            client.chat(chatId).compose(session -> client.send(chatId, Payload.make(started, 1, 40)));
          })
          .onFailure(e -> {
            refusals.merge(e instanceof ProtocolError p ? p.code() : e.getClass().getSimpleName(), 1, Integer::sum);
            // "Nobody matches" says how the queue stood when the accept was pressed. A view that
            // came after the press is newer, and a person would go by what their screen shows
            // now. Other refusals (unavailable, too many frames) say nothing about the queue, and
            // the node sends no view again while the queue it shows is unchanged.
            boolean nobody = e instanceof ProtocolError p && "no_match".equals(p.code());
            if (nobody && views.get() == pressedAtView) {
              queueNonEmpty = false;
            }
          });
    }

    /**
     * A chat ended by the server or the visitor (an offer taken back after 30 s unanswered, a
     * visitor gone for longer than the grace period) frees its slot as the console's own end does.
     */
    private void watchTakeBacks(Set<String> takenBack) {
      client.frames().next("ended").onSuccess(ended -> {
        String chatId = ended.getString("chatId");
        if ("unanswered".equals(ended.getString("by"))) {
          takenBack.add(chatId);
          acceptStarted.remove(chatId);
        }
        consoleOf.remove(chatId, this);
        release(chatId);
        watchTakeBacks(takenBack);
      });
    }

    /**
     * Ends the chat; its slot is free once the end is sent. An end that cannot be sent (the
     * visitor never completed the handshake) leaves the slot to the server's own end of it.
     */
    void finish(String chatId) {
      client.end(chatId).onSuccess(v -> release(chatId));
    }

    private void release(String chatId) {
      if (held.remove(chatId)) {
        tryAccept();
      }
    }
  }
}
