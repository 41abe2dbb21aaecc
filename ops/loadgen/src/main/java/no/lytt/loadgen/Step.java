package no.lytt.loadgen;

import java.util.Map;

/**
 * One measured step of a run: what the tracker and the servers' CPU counters say between
 * {@link #begin} and {@link #end}, plus the servers' memory after a GC at the end, and how busy
 * the load generator itself was.
 */
final class Step {
  private final Stack stack;
  private final Tracker tracker;
  private final long cpu0;
  private final long ownCpu0;
  private final long wall0;
  private long ownCpuSent = -1;
  private long wallSent;
  private final long redisCpu0;
  private final long sent0;
  private final long received0;
  private final long duplicates0;
  private final long gaps0;
  private final long held0;
  private final long errors0;

  private Step(Stack stack, Tracker tracker) {
    this.stack = stack;
    this.tracker = tracker;
    this.cpu0 = stack.cpuMillis();
    this.ownCpu0 = ProcessStats.cpuMillis(ProcessHandle.current().pid());
    this.wall0 = System.nanoTime();
    this.redisCpu0 = stack.redisCpuMillis();
    this.sent0 = tracker.sent();
    this.received0 = tracker.received();
    this.duplicates0 = tracker.duplicates();
    this.gaps0 = tracker.gaps();
    this.held0 = tracker.held();
    this.errors0 = tracker.errors();
    tracker.interval();
  }

  static Step begin(Stack stack, Tracker tracker) {
    return new Step(stack, tracker);
  }

  /**
   * The schedule has ended: the load generator's own share is taken over the sending, since a
   * drain that waits for lost messages would dilute a saturated step.
   */
  void sent() {
    ownCpuSent = ProcessStats.cpuMillis(ProcessHandle.current().pid());
    wallSent = System.nanoTime();
  }

  /**
   * Fills {@code row} after the sending has stopped and the tracker drained: rates over
   * {@code seconds} of sending, latencies, losses, CPU per 1,000 messages, memory.
   */
  void end(Map<String, Object> row, ChatTarget target, double seconds) {
    long cpu = stack.cpuMillis() - cpu0;
    if (ownCpuSent < 0) {
      sent();
    }
    long ownCpu = ownCpuSent - ownCpu0;
    double wallMillis = Math.max(1, (wallSent - wall0) / 1e6);
    long redisCpu = stack.redisCpuMillis() - redisCpu0;
    long sent = tracker.sent() - sent0;
    long received = tracker.received() - received0;
    row.put("connections", target.connections());
    row.put("sent", sent);
    row.put("msgs_per_s", Math.round(received / seconds));
    Report.latencies(row, "", tracker.interval());
    row.put("lost", sent - received);
    row.put("duplicates", tracker.duplicates() - duplicates0);
    row.put("gaps", tracker.gaps() - gaps0);
    row.put("held_back", tracker.held() - held0);
    row.put("errors", tracker.errors() - errors0);
    row.put("cpu_s_per_1000", received == 0 ? 0 : Math.round(cpu * 1000.0 / received) / 1000.0);
    if (stack.hasRedis()) {
      row.put("redis_cpu_s_per_1000", received == 0 ? 0 : Math.round(redisCpu * 1000.0 / received) / 1000.0);
    }
    Report.memory(row, stack.memory());
    row.put("load_avg", Report.loadAverage());
    // Near 1 the load generator, not the server, set the step's latencies.
    row.put(LOADGEN_CPU, Math.max(0, Math.round(ownCpu * 100.0
        / (wallMillis * Runtime.getRuntime().availableProcessors())) / 100.0));
  }

  static final String LOADGEN_CPU = "loadgen_cpu";

  /**
   * A step whose load generator was this busy measured the load generator as much as the server:
   * near a full core its own queueing turns a pause of 20 ms into 150 ms of late messages.
   */
  static final double LOADGEN_SATURATED = 0.85;
}
