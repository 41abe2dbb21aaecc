package no.lytt.socket;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Runs a task at most once per spacing, and always once after the last request: the first request
 * after a quiet spell runs at once, later ones fold into one run when the spacing has passed. For
 * announcements whose cost grows with the audience and whose audience needs them promptly, not
 * on every change.
 */
public final class Paced {
  private final Vertx vertx;
  private final long spacingNanos;
  private final Runnable task;
  private long lastRun;
  private boolean ran;
  private boolean scheduled;

  public Paced(Vertx vertx, Duration spacing, Runnable task) {
    this.vertx = vertx;
    this.spacingNanos = spacing.toNanos();
    this.task = task;
  }

  public void request() {
    long wait;
    synchronized (this) {
      if (scheduled) {
        return;
      }
      long now = System.nanoTime();
      wait = ran ? lastRun + spacingNanos - now : 0;
      if (wait <= 0) {
        ran = true;
        lastRun = now;
      } else {
        scheduled = true;
      }
    }
    if (wait <= 0) {
      task.run();
    } else {
      vertx.setTimer(Math.max(1, wait / 1_000_000), t -> {
        synchronized (this) {
          scheduled = false;
          ran = true;
          lastRun = System.nanoTime();
        }
        task.run();
      });
    }
  }
}
