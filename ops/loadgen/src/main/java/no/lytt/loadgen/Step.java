package no.lytt.loadgen;

import java.util.Map;

/**
 * One measured step of a run: what the tracker and the servers' CPU counters say between
 * {@link #begin} and {@link #end}, plus the servers' memory after a GC at the end.
 */
final class Step {
  private final Stack stack;
  private final Tracker tracker;
  private final long cpu0;
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
   * Fills {@code row} after the sending has stopped and the tracker drained: rates over
   * {@code seconds} of sending, latencies, losses, CPU per 1,000 messages, memory.
   */
  void end(Map<String, Object> row, ChatTarget target, double seconds) {
    long cpu = stack.cpuMillis() - cpu0;
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
  }
}
