package no.lytt.callback;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import no.lytt.config.CallbacksConfig;
import no.lytt.hours.Hours;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * Callback requests: a visitor leaves sealed contact details and times to call; counsellors claim
 * one at a time (one per callback across all nodes: the store's compare-and-set decides), call, and
 * mark the outcome. The sealed contents are deleted the moment the callback is done or given up.
 */
public final class CallbackService {
  public static final int MAX_WINDOWS = 6;
  private final Store store;
  private final Hours hours;
  private final Stats stats;
  private final Clock clock;
  private final CallbacksConfig config;

  public CallbackService(Store store, Hours hours, Stats stats, Clock clock, CallbacksConfig config) {
    this.store = store;
    this.hours = hours;
    this.stats = stats;
    this.clock = clock;
    this.config = config;
  }

  /** Stores a request durably; only then may the page show the visitor their code. */
  public Future<Item> request(NewItem sealedItem, List<CallbackWindow> windows, Preference preference,
                              Language language) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(config.expiry());
    try {
      checkWindows(windows, now, expiresAt);
    } catch (LyttException e) {
      return Future.failedFuture(e);
    }
    if (sealedItem.sealed().isEmpty()) {
      return Future.failedFuture(NewItem.bad("A callback needs the contact details sealed to the team."));
    }
    return TeamCopies.keep(store, sealedItem, now).compose(kept -> ItemCreation.create(store, stats,
        new Item(kept.id(), Item.Kind.CALLBACK, Ids.hash(kept.lookup()), kept.sealed(), windows, preference,
            language, now, expiresAt, null, ItemState.WAITING, 0, null, null, null, null, 0),
        Counter.CALLBACKS_REQUESTED, "That request exists already."));
  }

  /**
   * Windows must lie ahead, before the request expires, and inside the planned hours (dated
   * exceptions included) or within a manual opening running now. The override says nothing about
   * next Tuesday: closed by hand tonight must not refuse a window in next week's hours, and opened
   * by hand must take windows tonight without accepting three in the morning next week.
   */
  private void checkWindows(List<CallbackWindow> windows, Instant now, Instant expiresAt) {
    CallbackHours allowed = new CallbackHours(hours.current(), now);
    if (windows.isEmpty() || windows.size() > MAX_WINDOWS) {
      throw NewItem.bad("Give between 1 and " + MAX_WINDOWS + " time windows.");
    }
    for (CallbackWindow w : windows) {
      if (!w.to().isAfter(now) || w.to().isAfter(expiresAt)) {
        throw NewItem.bad("A time window must end in the future and within " + config.expiryDays() + " days.");
      }
      if (!allowed.takes(w)) {
        throw NewItem.bad("A time window must lie inside the planned opening hours, or within the next "
            + CallbackHours.MANUAL_REACH.toHours() + " hours while the line is opened by hand.");
      }
    }
  }

  public Future<List<Item>> list() {
    return store.items(Item.Kind.CALLBACK).map(all -> all.stream().filter(i -> !i.state().terminal()).toList());
  }

  /** Takes a callback for this counsellor; refused when someone else holds it. */
  public Future<Item> claim(String id, String username) {
    return change(id, item -> {
      Instant now = clock.instant();
      boolean free = item.state() == ItemState.WAITING || item.state() == ItemState.RETRY
          || !item.claimedAt(now) || username.equals(item.claimedBy());
      if (item.state().terminal() || !free) {
        throw new LyttException(ErrorCode.WRONG_STATE, "Someone else has claimed this callback.");
      }
      return item.claimed(username, now.plus(config.claim()));
    }, null);
  }

  public Future<Item> called(String id, String username) {
    return change(id, held(username, i -> i.calling(clock.instant().plus(config.claim()))), null);
  }

  public Future<Item> noAnswer(String id, String username) {
    return change(id, held(username, i -> i.unanswered(clock.instant().plus(config.retry()), config.maxAttempts())),
        Counter.CALLBACKS_FAILED);
  }

  public Future<Item> done(String id, String username) {
    return change(id, held(username, i -> i.finished(ItemState.DONE)), Counter.CALLBACKS_COMPLETED);
  }

  private java.util.function.UnaryOperator<Item> held(String username, java.util.function.UnaryOperator<Item> next) {
    return item -> {
      if (item.state().terminal() || !username.equals(item.claimedBy()) || !item.claimedAt(clock.instant())) {
        throw new LyttException(ErrorCode.WRONG_STATE, "Claim this callback first.");
      }
      return next.apply(item);
    };
  }

  /**
   * One read-check-write. A lost race is refused rather than retried: whatever changed the item
   * (another counsellor) is what the console should see next.
   *
   * @param counted counted when the change leaves the item in FAILED (no answer) or DONE (done)
   */
  private Future<Item> change(String id, java.util.function.UnaryOperator<Item> rule, Counter counted) {
    return store.item(id).compose(found -> {
      Item item = found.filter(i -> i.kind() == Item.Kind.CALLBACK)
          .orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such callback."));
      Item next = rule.apply(item);
      return store.replaceItem(next).compose(written -> {
        if (!written) {
          throw new LyttException(ErrorCode.WRONG_STATE, "Someone else changed this callback; look again.");
        }
        boolean count = counted != null && (next.state() == ItemState.FAILED || next.state() == ItemState.DONE);
        return count ? stats.count(counted).map(next) : Future.succeededFuture(next);
      });
    });
  }

  /**
   * A counsellor's reply sealed to the visitor's code, for the visitor to read with the code alone.
   * One reply per item: a second would silently replace what the visitor may already have read.
   */
  public Future<Void> reply(String id, Item.Sealed sealedReply) {
    return store.item(id).compose(found -> {
      Item item = found.orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such item."));
      if (item.reply() != null) {
        throw new LyttException(ErrorCode.WRONG_STATE, "A reply has been sent already.");
      }
      return store.replaceItem(item.withReply(sealedReply));
    }).map(written -> {
      if (!written) {
        throw new LyttException(ErrorCode.WRONG_STATE, "It changed meanwhile; send the reply again.");
      }
      return null;
    });
  }
}
