package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A thread-safe queue whose readers get futures: {@link #next(Predicate)} hands out the oldest
 * unclaimed matching item, or a future that completes when one arrives. Each item goes to exactly
 * one reader, so an event that arrives before a test asks for it is never lost and never seen
 * twice.
 *
 * <p>Producers run on Vert.x event loops, readers usually on a test thread; futures are completed
 * outside the lock so a reader's callback can never deadlock a producer.
 */
final class Mailbox<T> {
  private final boolean retain;
  private final List<T> items = new ArrayList<>();
  private final List<Waiter<T>> waiters = new ArrayList<>();

  /** A mailbox that keeps unclaimed items for later readers. */
  Mailbox() {
    this(true);
  }

  /**
   * @param retain false for reply matching: an item nobody is waiting for is dropped, so a
   *               request only ever sees replies that arrived after it registered
   */
  Mailbox(boolean retain) {
    this.retain = retain;
  }

  private record Waiter<T>(Predicate<? super T> filter, Promise<T> promise, Object tag) {
  }

  void put(T item) {
    Promise<T> taker = null;
    synchronized (this) {
      for (Iterator<Waiter<T>> it = waiters.iterator(); it.hasNext(); ) {
        Waiter<T> w = it.next();
        if (w.filter.test(item)) {
          it.remove();
          taker = w.promise;
          break;
        }
      }
      if (taker == null && retain) {
        items.add(item);
      }
    }
    if (taker != null) {
      taker.complete(item);
    }
  }

  Future<T> next(Predicate<? super T> filter) {
    return next(filter, null);
  }

  /** {@link #next(Predicate)}, with a tag by which {@link #failTagged} can fail the wait. */
  Future<T> next(Predicate<? super T> filter, Object tag) {
    synchronized (this) {
      for (Iterator<T> it = items.iterator(); it.hasNext(); ) {
        T item = it.next();
        if (filter.test(item)) {
          it.remove();
          return Future.succeededFuture(item);
        }
      }
      Promise<T> promise = Promise.promise();
      waiters.add(new Waiter<>(filter, promise, tag));
      return promise.future();
    }
  }

  /** Items nobody has claimed yet, oldest first. */
  synchronized List<T> unclaimed() {
    return List.copyOf(items);
  }

  /** Fails every reader that waits with {@code tag}, e.g. the replies of a socket that closed. */
  void failTagged(Object tag, Throwable cause) {
    failWhere(w -> tag.equals(w.tag), cause);
  }

  /** Fails every waiting reader, e.g. when the client closes. */
  void failWaiters(Throwable cause) {
    failWhere(w -> true, cause);
  }

  private void failWhere(Predicate<Waiter<T>> which, Throwable cause) {
    List<Waiter<T>> failed = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Waiter<T>> it = waiters.iterator(); it.hasNext(); ) {
        Waiter<T> w = it.next();
        if (which.test(w)) {
          it.remove();
          failed.add(w);
        }
      }
    }
    failed.forEach(w -> w.promise.tryFail(cause));
  }
}
