package no.lytt.socket;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Visitor sockets this node is welcoming at once: opened, and waiting for the store to say how the
 * queue stands. After a restart thousands of pages come back within seconds; a node that opens a
 * socket for each of them falls behind, its store answers time out on the way, and the pages it
 * cannot welcome in time close and try again, which costs it more. So past a cap a page's upgrade is
 * answered 503 before any socket exists, which costs next to nothing, and the page tries again after
 * its backoff: the node welcomes as many as it can answer in time and the rest come in turn.
 *
 * <p>Consoles are not counted: a counsellor gets back in even while visitors wait to.
 */
public final class Arrivals {
  private final int cap;
  private final AtomicInteger welcoming = new AtomicInteger();

  /** One welcome's place; {@link #welcomed()} gives it back, once however often it is called. */
  @FunctionalInterface
  public interface Place {
    void welcomed();
  }

  /** @param cap {@code limits.welcomes-in-flight} */
  public Arrivals(int cap) {
    this.cap = cap;
  }

  /** A place for one more welcome, or empty when {@code cap} are under way. */
  public Optional<Place> tryArrive() {
    if (welcoming.getAndUpdate(n -> n < cap ? n + 1 : n) >= cap) {
      return Optional.empty();
    }
    // A place given back twice would let one more in than the cap for good.
    AtomicBoolean given = new AtomicBoolean();
    return Optional.of(() -> {
      if (given.compareAndSet(false, true)) {
        welcoming.decrementAndGet();
      }
    });
  }
}
