package no.lytt.socket;

import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How long a dropped visitor keeps their place, or a chat waits for a dropped side: one timer per
 * absent party, cancelled when they come back.
 */
public final class GraceTimers {
  private final Vertx vertx;
  private static final long RETRY_MILLIS = 2_000;
  private final long graceMillis;
  private final ConcurrentMap<String, Long> timers = new ConcurrentHashMap<>();

  public GraceTimers(Vertx vertx, long graceMillis) {
    this.vertx = vertx;
    this.graceMillis = graceMillis;
  }

  public void start(String key, Runnable expired) {
    cancel(key);
    long id = vertx.setTimer(graceMillis, t -> {
      if (timers.remove(key, t)) {
        expired.run();
      }
    });
    timers.put(key, id);
  }

  /**
   * Runs {@code expired} again shortly: releasing a place failed (the store was away), and a
   * place nobody releases would be held for ever.
   */
  public void retry(String key, Runnable expired) {
    long id = vertx.setTimer(RETRY_MILLIS, t -> {
      if (timers.remove(key, t)) {
        expired.run();
      }
    });
    Long old = timers.putIfAbsent(key, id);
    if (old != null) {
      vertx.cancelTimer(id); // the client came back, or a newer timer runs
    }
  }

  public void cancel(String key) {
    Long id = timers.remove(key);
    if (id != null) {
      vertx.cancelTimer(id);
    }
  }
}
