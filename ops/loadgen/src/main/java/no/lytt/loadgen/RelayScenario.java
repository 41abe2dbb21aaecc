package no.lytt.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scenario=relay}: {@code chats} concurrent chats, messages of the same size in both
 * directions, at each of {@code rates} (messages a second, all chats together) for
 * {@code duration} seconds after a {@code warmup}. Reports each rate and the highest with
 * p99 &lt; 10 ms. With {@code nodes=2} (Redis) every chat crosses nodes unless {@code cross=false}.
 *
 * <p>{@code scenario=slow-consumer} runs one rate twice: steady, then with chat 0's visitor (socket
 * A) no longer reading. Chat 0's own latencies are left out of both, so the two rows compare the
 * other chats; memory is read at the end of each step, while the reader is still stalled.
 */
final class RelayScenario {
  static final double P99_LIMIT_MS = 10.0;

  private RelayScenario() {
  }

  static Stack.Target target(Settings s) {
    return Stack.Target.valueOf(s.text("target", "lytt").toUpperCase(Locale.ROOT).replace("-", ""));
  }

  /**
   * The highest rate with p99 under the limit (0: none), and whether the load generator was
   * saturated in the first step above it, so that the server's limit is not known, only that it is
   * at least {@code rate}.
   */
  record Best(int rate, boolean loadgenBound) {
  }

  /** Runs the scenario for {@code target}. */
  static Best run(Settings s, Report report, String scenario, Stack.Target target) throws InterruptedException {
    int nodes = s.integer("nodes", scenario.equals("cross-node") ? 2 : 1);
    boolean cross = s.flag("cross", nodes > 1);
    boolean redis = s.flag("redis", nodes > 1);
    int chats = s.integer("chats", 100);
    int capacity = s.integer("capacity", 20);
    List<Integer> rates = s.integers("rates", 1000);
    double duration = s.decimal("duration", 10);
    double warmup = s.decimal("warmup", 3);
    int length = target == Stack.Target.LYTT ? Payload.LYTT_TEXT : Payload.PEER_BYTES;
    boolean stall = scenario.equals("slow-consumer");
    int best = 0;
    Map<Integer, Double> failedLoadgenCpu = new java.util.TreeMap<>();
    try (Stack stack = Stack.start(s, target, nodes, redis, (chats + capacity - 1) / capacity);
         LoadClients clients = new LoadClients(chats * 2 + chats / capacity + 1)) {
      Tracker tracker = new Tracker(chats, s.integer("window", 200));
      ChatTarget chatTarget = clients.target(stack, tracker, cross, capacity);
      LoadClients.await(chatTarget.open(chats), 600);
      if (stall) {
        tracker.exclude(0);
      }
      warmUp(stack, clients, chatTarget, tracker, chats, rates.get(0), warmup, length);
      List<String> steps = stall ? List.of("steady", "stalled") : rates.stream().map(String::valueOf).toList();
      for (int i = 0; i < steps.size(); i++) {
        int rate = stall ? rates.get(0) : rates.get(i);
        if (stall && i == 1) {
          chatTarget.pauseReader(0, true);
        }
        Step step = Step.begin(stack, tracker);
        OpenLoop.run(clients.vertx, chatTarget, tracker, chats, rate, duration, length);
        step.sent();
        if (stall && i == 1) {
          waitForOthers(tracker, chats);
        } else {
          tracker.drain(10_000);
        }
        Map<String, Object> row = report.row();
        row.put("scenario", scenario);
        row.put("target", target.name().toLowerCase(Locale.ROOT));
        row.put("nodes", nodes);
        row.put("cross", cross);
        row.put("chats", chats);
        row.put("step", stall ? steps.get(i) : "rate");
        row.put("rate", rate);
        step.end(row, chatTarget, duration);
        if (chatTarget instanceof LyttChats lytt) {
          // Since the start of the run: refusals cost a re-send pause, gaps a resume.
          row.put("server_errors", lytt.serverErrors());
          row.put("resyncs", lytt.resyncs());
        }
        if (!stall && (double) row.get("p99_ms") < P99_LIMIT_MS && (long) row.get("lost") == 0) {
          best = Math.max(best, rate);
        } else if (!stall) {
          failedLoadgenCpu.put(rate, (Double) row.get(Step.LOADGEN_CPU));
        }
      }
      if (stall) {
        chatTarget.pauseReader(0, false);
        boolean drained = tracker.drain(30_000);
        Map<String, Object> row = report.row();
        row.put("scenario", scenario);
        row.put("target", target.name().toLowerCase(Locale.ROOT));
        row.put("step", "resumed");
        row.put("lost_total", tracker.sent() - tracker.received());
        row.put("duplicates_total", tracker.duplicates());
        row.put("drained", drained);
      }
      LoadClients.await(chatTarget.close(), 60);
    }
    int found = best;
    boolean bound = failedLoadgenCpu.entrySet().stream().filter(e -> e.getKey() > found).findFirst()
        .map(e -> e.getValue() >= Step.LOADGEN_SATURATED).orElse(false);
    return new Best(best, bound);
  }

  /**
   * Sends at the first rate for {@code seconds}, in two halves that each go through a measured
   * step's motions: the servers' counters read before, the sending run's end, the drain, memory
   * read after. Code that a measured step's start or end ran for the first time (the HTTP client
   * and regular expressions of the readings, the sending run's end) made the load generator's JIT
   * throw away its compiled receive and send paths and compile them again for up to a second, on
   * the core that sends and receives, at the start of the first measured step.
   */
  private static void warmUp(Stack stack, LoadClients clients, ChatTarget chatTarget, Tracker tracker,
      int chats, int rate, double seconds, int length) throws InterruptedException {
    for (int half = 0; half < 2; half++) {
      Step step = Step.begin(stack, tracker);
      OpenLoop.run(clients.vertx, chatTarget, tracker, chats, rate, seconds / 2, length);
      step.sent();
      tracker.drain(10_000);
      step.end(new java.util.LinkedHashMap<>(), chatTarget, seconds / 2);
    }
  }

  /** While one reader stalls, its chat never drains: wait for the others' messages only. */
  private static void waitForOthers(Tracker tracker, int chats) throws InterruptedException {
    Thread.sleep(Math.min(5_000, 1_000 + chats));
  }
}
