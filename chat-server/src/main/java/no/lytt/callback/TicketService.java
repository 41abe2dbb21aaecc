package no.lytt.callback;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import no.lytt.config.CallbacksConfig;
import no.lytt.hours.Hours;
import no.lytt.hours.OpeningHours;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * Out-of-hours tickets: a place in the queue for the next opening, kept first come first served.
 * A ticket is used by joining the queue with it while it holds its place: the visitor then queues
 * as if they had joined when they took the ticket, ahead of everyone who came after. A ticket not
 * used within {@code tickets.claim-minutes} of the opening is released; it is deleted at the end
 * of that opening day.
 */
public final class TicketService {
  private final Store store;
  private final Hours hours;
  private final Stats stats;
  private final Clock clock;
  private final CallbacksConfig config;

  public TicketService(Store store, Hours hours, Stats stats, Clock clock, CallbacksConfig config) {
    this.store = store;
    this.hours = hours;
    this.stats = stats;
    this.clock = clock;
    this.config = config;
  }

  /** A ticket with its position among the tickets still waiting (1 = first). */
  public record Placed(Item ticket, int position) {
  }

  public Future<Placed> take(NewItem sealedItem) {
    Instant now = clock.instant();
    OpeningHours hours = this.hours.current();
    if (hours.isOpen(now)) {
      return Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE, "The service is open: join the queue."));
    }
    Optional<ZonedDateTime> opening = hours.nextOpening(now);
    // Without a planned opening (closed by hand) the place is set once the line opens: see release().
    Instant placeUntil = opening.map(o -> o.toInstant().plus(config.ticketClaim())).orElse(null);
    Instant expiresAt = opening.map(o -> o.toLocalDate().plusDays(1).atStartOfDay(hours.zone()).toInstant())
        .filter(end -> placeUntil == null || end.isAfter(placeUntil))
        .orElse(placeUntil != null ? placeUntil : now.plus(java.time.Duration.ofDays(1)));
    return TeamCopies.keep(store, sealedItem, now).compose(kept -> ItemCreation.create(store, stats,
            new Item(kept.id(), Item.Kind.TICKET, Ids.hash(kept.lookup()), kept.sealed(), List.of(), Preference.NONE,
                Language.NB, now, expiresAt, placeUntil, ItemState.WAITING, 0, null, null, null, null, 0),
            Counter.TICKETS_TAKEN, "That ticket exists already."))
        .compose(stored -> position(stored).map(p -> new Placed(stored, p)));
  }

  /** Position among waiting tickets, first come first; 0 when it no longer waits. */
  public Future<Integer> position(Item ticket) {
    return waiting().map(all -> {
      int at = all.stream().map(Item::id).toList().indexOf(ticket.id());
      return at + 1;
    });
  }

  public Future<List<Item>> waiting() {
    return store.items(Item.Kind.TICKET).map(all -> all.stream().filter(t -> t.state() == ItemState.WAITING).toList());
  }

  /**
   * The ticket a joining visitor brings, if it still holds a place; its creation time becomes the
   * visitor's place in the queue. Refused when the code is unknown, or the ticket is used or
   * released. Nothing changes yet: the ticket is used up only once the visitor is queued
   * ({@link #useUp}), so a join that fails (queue full, store away) leaves it for another try.
   */
  public Future<Item> valid(String lookup) {
    Instant now = clock.instant();
    return store.itemByLookup(Ids.hash(lookup)).map(found -> found
        .filter(i -> i.kind() == Item.Kind.TICKET && i.state() == ItemState.WAITING
            && (i.placeUntil() == null || now.isBefore(i.placeUntil())))
        .orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "This ticket is not valid (any more).")));
  }

  /**
   * Uses up a ticket whose holder is now queued. Fails if it was used meanwhile (the same code in
   * two tabs at once): one compare-and-set, so only one of them keeps the early place.
   */
  public Future<Void> useUp(Item ticket) {
    return store.replaceItem(ticket.finished(ItemState.SERVED)).compose(written -> {
      if (!written) {
        throw new LyttException(ErrorCode.NOT_FOUND, "This ticket is not valid (any more).");
      }
      return stats.count(Counter.TICKETS_SERVED);
    });
  }

  /**
   * Releases waiting tickets whose place has run out, and gives a place to tickets taken while no
   * opening was planned once the line is open. Each release is one compare-and-set, so it is
   * counted once however many nodes run this.
   */
  /** Completes with whether this call changed any ticket. */
  public Future<Boolean> release() {
    Instant now = clock.instant();
    boolean open = hours.current().isOpen(now);
    return waiting().compose(all -> {
      List<Future<Boolean>> changes = all.stream().map(t -> {
        if (t.placeUntil() == null && open) {
          return store.replaceItem(t.withPlaceUntil(now.plus(config.ticketClaim())));
        }
        if (t.placeUntil() != null && !now.isBefore(t.placeUntil())) {
          return store.replaceItem(t.finished(ItemState.RELEASED))
              .compose(won -> won ? stats.count(Counter.TICKETS_RELEASED).map(true) : Future.succeededFuture(false));
        }
        return Future.succeededFuture(false);
      }).toList();
      return Future.join(changes).map(v -> changes.stream().anyMatch(f -> Boolean.TRUE.equals(f.result())));
    });
  }
}
