package no.lytt.socket;

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

  /** @param cap {@code limits.welcomes-in-flight} */
  public Arrivals(int cap) {
    this.cap = cap;
  }

  /** Takes a place for one more welcome, or says there is none; a place taken is given back with {@link #welcomed()}. */
  public boolean tryArrive() {
    return welcoming.getAndUpdate(n -> n < cap ? n + 1 : n) < cap;
  }

  /** The welcome was sent, failed, or the upgrade never happened. */
  public void welcomed() {
    welcoming.decrementAndGet();
  }
}
