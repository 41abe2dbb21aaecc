package no.lytt.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Every series a node exposes at {@code /metrics}, in one place so that what leaves the process can
 * be read at a glance (docs/operations.md lists them with alerts).
 *
 * <p>No label ever carries anything about a person: no id, token, address, user agent or username.
 * Labels take values only from fixed sets in code — an error code, a direction, a connection kind,
 * a log-in outcome, a Redis command name — so the number of series is bounded and a scrape cannot
 * be used to follow anyone. Counters are per node; the queue length is the whole service's.
 */
public final class LyttMetrics {
  /** Queue waits run from seconds to the better part of an hour on a small line. */
  private static final double[] WAIT_BUCKETS = {5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600};
  private static final double[] REDIS_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

  private final List<Family> families = new ArrayList<>();

  public final Gauge connections = add(new Gauge("lytt_connections",
      "Open WebSockets on this node, by kind (visitor, console).", "kind"));
  public final Gauge queueLength = add(new Gauge("lytt_queue_length",
      "Visitors waiting in the queue (the whole service; every node reports the same).", null));
  public final Histogram queueWait = add(new Histogram("lytt_queue_wait_seconds",
      "Time from joining the queue to a counsellor's accept, for chats accepted on this node.", WAIT_BUCKETS));
  public final Gauge chatsRunning = add(new Gauge("lytt_chats_running",
      "Chats whose counsellor's console is connected to this node; sum over nodes for the service.", null));
  public final Counter envelopes = add(new Counter("lytt_envelopes_relayed_total",
      "Encrypted envelopes accepted for relay on this node, by direction.", "direction")
      .preset("to_counsellor", "to_visitor"));
  public final Counter envelopeBytes = add(new Counter("lytt_envelope_bytes_total",
      "Ciphertext bytes accepted for relay on this node, by direction.", "direction")
      .preset("to_counsellor", "to_visitor"));
  public final Histogram redisLatency = add(new Histogram("lytt_redis_command_seconds",
      "Redis command round trips that succeeded.", REDIS_BUCKETS));
  public final Counter redisErrors = add(new Counter("lytt_redis_command_errors_total",
      "Redis commands that failed (error reply, timeout, refused while disconnected), by command.", "command"));
  public final Counter protocolErrors = add(new Counter("lytt_protocol_errors_total",
      "Error frames sent to clients, by error code.", "code"));
  public final Counter socketCloses = add(new Counter("lytt_socket_closes_total",
      "WebSockets this node closed itself, by close code (1008 flood or garbage, 4003 drain, ...).", "code"));
  public final Counter upgradesDeferred = add(new Counter("lytt_visitor_upgrades_deferred_total",
      "Visitor WebSocket upgrades answered 503 because this node was already welcoming "
          + "limits.welcomes-in-flight visitors; the page tries again after its backoff.", null).preset(""));
  public final Counter logins = add(new Counter("lytt_logins_total",
      "Counsellor log-ins, by result (ok, failed, throttled).", "result").preset("ok", "failed", "throttled"));
  public final Gauge draining = add(new Gauge("lytt_draining",
      "1 while this node is draining before it stops, else 0.", null));
  public final Gauge heap = add(new Gauge("lytt_jvm_heap_bytes", "JVM heap, used and max.", "area"));

  public LyttMetrics() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    heap.from("used", () -> memory.getHeapMemoryUsage().getUsed())
        .from("max", () -> memory.getHeapMemoryUsage().getMax());
  }

  private <F extends Family> F add(F family) {
    families.add(family);
    return family;
  }

  /** The text a Prometheus server scrapes. */
  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    families.forEach(f -> f.writeTo(out));
    return out.toString();
  }

  public static String contentType() {
    return Exposition.CONTENT_TYPE;
  }
}
