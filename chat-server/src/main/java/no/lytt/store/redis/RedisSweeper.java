package no.lytt.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Finds what a crashed node leaves behind. Its grace timers died with it, so queue places and chats
 * of its visitors and counsellors would wait forever; every node looks periodically, and whatever
 * has been away from any live node for longer than the grace period is released. One node walks
 * the store per period, whichever asks first, and each walk goes on where the last one stopped
 * ({@link #CHATS_PER_SWEEP} chats at a time). The release
 * itself goes through the normal services, which are atomic, so two nodes sweeping at once do it
 * once.
 */
public final class RedisSweeper {
  private static final Script SWEEP = Script.load("sweep", ScriptOutputType.MULTI);
  /**
   * Chats looked at per sweep at least. Ten thousand in one walk held Redis for a third of a second
   * every period, and everything behind it timed out; a batch holds it for a few milliseconds. The
   * script takes more per turn when a pass would otherwise take longer than half a grace period
   * (ten thousand chats with the default two minutes: twenty turns of 500).
   */
  static final int CHATS_PER_SWEEP = 500;
  private final Vertx vertx;
  private final RedisConnector redis;
  private final Clock clock;

  /** What to release: queue entries, chats to end, and offers nobody answered. */
  public record Leftovers(List<String> queueEntries, List<String> chats, List<String> unanswered) {
    public boolean isEmpty() {
      return queueEntries.isEmpty() && chats.isEmpty() && unanswered.isEmpty();
    }
  }

  public RedisSweeper(Vertx vertx, RedisConnector redis, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.clock = clock;
  }

  /**
   * @param period how often each node asks; only one node per period walks the store (the others
   *               get nothing to release), so the store's work does not grow with the nodes
   */
  public Future<Leftovers> sweep(Duration grace, Duration offerTimeout, Duration period) {
    // A little under the period, so the node that swept last can take the next turn on time.
    long turn = Math.max(1, period.toMillis() * 9 / 10);
    return Future.fromCompletionStage(SWEEP.<List<Object>>run(redis.commands(),
            new String[] {RedisStore.TAG + "queue", RedisStore.TAG + "chatids", RedisStore.TAG + "swept",
                RedisStore.TAG + "sweep-cursor"},
            RedisStore.TAG, Long.toString(clock.millis()), Long.toString(grace.toMillis()),
            Long.toString(offerTimeout.toMillis()), Long.toString(turn), Integer.toString(CHATS_PER_SWEEP),
            Long.toString(period.toMillis())),
            vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(RedisStore.translate(e)))
        .map(r -> new Leftovers(strings(r.get(0)), strings(r.get(1)), strings(r.get(2))));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return ((List<Object>) list).stream().map(String.class::cast).toList();
  }
}
