package no.lytt.callback;

import io.vertx.core.Future;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * Storing a new callback or ticket so that a visitor's retry is safe. The page sends the same
 * request again (same id, same lookup) when an answer was lost; that finds the stored item and
 * succeeds, instead of storing a second copy of a phone number or failing with a code never shown.
 * Counting happens after the write and never turns a stored request into an error.
 */
final class ItemCreation {
  private ItemCreation() {
  }

  static Future<Item> create(Store store, Stats stats, Item item, Counter counter, String taken) {
    return store.createItem(item).compose(created -> created
        ? stats.count(counter).otherwiseEmpty().map(item)
        : store.item(item.id()).map(found -> found
            .filter(i -> i.kind() == item.kind() && i.lookupHash().equals(item.lookupHash()))
            .orElseThrow(() -> new LyttException(ErrorCode.WRONG_STATE, taken))));
  }
}
