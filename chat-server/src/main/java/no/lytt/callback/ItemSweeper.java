package no.lytt.callback;

import io.vertx.core.Future;
import java.time.Clock;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * Deletes callbacks and tickets whose time is up, and releases tickets whose place ran out. Every
 * node runs it; the store hands each expired item to one node only, so each is counted once.
 */
public final class ItemSweeper {
  private static final System.Logger LOG = System.getLogger("lytt.callbacks");
  private boolean running;
  private final Store store;
  private final TicketService tickets;
  private final Stats stats;
  private final Clock clock;

  public ItemSweeper(Store store, TicketService tickets, Stats stats, Clock clock) {
    this.store = store;
    this.tickets = tickets;
    this.stats = stats;
    this.clock = clock;
  }

  /**
   * Completes with whether anything the team sees changed (released, placed or expired). Expiry
   * does not wait on the ticket releases: deleting sealed data on time must not depend on other
   * writes succeeding. A sweep still running when the next is due is not started twice.
   */
  public Future<Boolean> sweep() {
    if (running) {
      return Future.succeededFuture(false);
    }
    running = true;
    Future<Boolean> released = tickets.release()
        .onFailure(e -> LOG.log(System.Logger.Level.WARNING, "Releasing tickets failed: " + e.getClass().getSimpleName()))
        .otherwise(false);
    Future<Boolean> expired = store.expireItems(clock.instant()).compose(gone -> Future.join(
            gone.stream().filter(i -> !i.state().terminal()).map(i -> stats.count(
                i.kind() == Item.Kind.CALLBACK ? Counter.CALLBACKS_EXPIRED : Counter.TICKETS_RELEASED)).toList())
            .map(v -> !gone.isEmpty()))
        .onFailure(e -> LOG.log(System.Logger.Level.WARNING, "Expiring items failed: " + e.getClass().getSimpleName()))
        .otherwise(false);
    return Future.join(released, expired).map(v -> released.result() || expired.result())
        .onComplete(done -> running = false);
  }
}
