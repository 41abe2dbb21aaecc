package no.lytt.metrics;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import no.lytt.queue.QueueService;
import no.lytt.relay.RelayService;

/**
 * Reads the gauges that live in the store — the queue's length, and how many chats the counsellors
 * connected here hold — every few seconds, so a scrape answers from memory and never waits for
 * Redis. A failed read keeps the last value: the Redis error series shows the outage.
 */
public final class ServiceSampler {
  private final QueueService queue;
  private final RelayService relay;
  private final Supplier<Set<String>> localCounsellors;
  private volatile int queueLength;
  private volatile int chatsRunning;

  public ServiceSampler(LyttMetrics metrics, QueueService queue, RelayService relay,
                        Supplier<Set<String>> localCounsellors) {
    this.queue = queue;
    this.relay = relay;
    this.localCounsellors = localCounsellors;
    metrics.queueLength.from(() -> queueLength);
    metrics.chatsRunning.from(() -> chatsRunning);
  }

  public Future<Void> sample() {
    Future<Void> length = queue.outlook().map(outlook -> {
      queueLength = outlook.queueLength();
      return null;
    });
    List<Future<Integer>> perCounsellor = localCounsellors.get().stream()
        .map(name -> relay.chatsOf(name).map(List::size)).toList();
    Future<Void> chats = Future.all(perCounsellor).map(all -> {
      chatsRunning = perCounsellor.stream().mapToInt(Future::result).sum();
      return null;
    });
    return Future.join(length, chats).mapEmpty();
  }
}
