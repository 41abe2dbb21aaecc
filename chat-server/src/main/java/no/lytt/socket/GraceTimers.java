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

  public void cancel(String key) {
    Long id = timers.remove(key);
    if (id != null) {
      vertx.cancelTimer(id);
    }
  }
}
