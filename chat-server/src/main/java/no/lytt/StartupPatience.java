package no.lytt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;
import no.lytt.store.StoreUnavailableException;

/**
 * Runs the start-up steps that need the store again while it answers "unavailable" — a command
 * that timed out, Redis still loading its data or failing over — until one deadline for the whole
 * start. A node restarted during a deploy, cold on a loaded machine where its own first commands
 * are slow, or beside a Redis that is busy for a moment, then comes up once Redis answers instead
 * of exiting and leaving visitors with no node. Anything else (a wrong password, a store that
 * cannot keep callbacks) still stops start-up at once, with its own message.
 *
 * <p>Opening the connections is not retried: a URI that names no server is a setting to fix, and
 * fails as soon as it is found.
 */
final class StartupPatience {
  private static final Logger LOG = System.getLogger("lytt");
  private static final Duration FIRST_WAIT = Duration.ofMillis(250);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final long deadlineNanos;

  /** @param patience how long the whole start may wait for the store, from now */
  StartupPatience(Vertx vertx, Duration patience) {
    this.vertx = vertx;
    this.deadlineNanos = System.nanoTime() + patience.toNanos();
  }

  /**
   * {@code step} until it succeeds, fails for another reason than an unavailable store, or the
   * deadline would pass before the next try.
   *
   * @param what names the step in the warning logged before each new try ("subscribing to …")
   * @param step must be safe to run again after a failure that may have done its work after all
   */
  <T> Future<T> run(String what, Supplier<Future<T>> step) {
    return attempt(what, step, FIRST_WAIT);
  }

  private <T> Future<T> attempt(String what, Supplier<Future<T>> step, Duration wait) {
    Future<T> tried;
    try {
      tried = step.get();
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    return tried.recover(e -> {
      if (!(e instanceof StoreUnavailableException) || System.nanoTime() + wait.toNanos() > deadlineNanos) {
        return Future.failedFuture(e);
      }
      LOG.log(Level.WARNING, "The store did not answer while " + what + " (" + e.getMessage()
          + "); trying again in " + wait.toMillis() + " ms");
      Duration next = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      return vertx.timer(wait.toMillis()).compose(v -> attempt(what, step, next));
    });
  }
}
