package no.lytt.socket;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs an asynchronous task at most once at a time; requests that arrive while it runs fold into
 * one more run afterwards. A burst of queue changes thus costs two announcements, not one per
 * change, and the last state is always announced.
 */
public final class Coalescer {
  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int RUNNING_AGAIN = 2;
  private final Supplier<Future<?>> task;
  private final AtomicInteger state = new AtomicInteger(IDLE);

  public Coalescer(Supplier<Future<?>> task) {
    this.task = task;
  }

  public void request() {
    if (state.getAndUpdate(s -> s == IDLE ? RUNNING : RUNNING_AGAIN) == IDLE) {
      run();
    }
  }

  private void run() {
    Future<?> f;
    try {
      f = task.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (state.getAndUpdate(s -> s == RUNNING_AGAIN ? RUNNING : IDLE) == RUNNING_AGAIN) {
        run();
      }
    });
  }
}
