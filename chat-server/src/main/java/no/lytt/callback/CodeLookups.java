package no.lytt.callback;

import io.vertx.core.Future;
import java.util.regex.Pattern;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * A visitor coming back with their code (as the lookup value their page derives from it): the
 * status of their item, or cancelling it.
 *
 * <p>Every code that does not lead to a live item — never issued, mistyped, forged, expired,
 * cancelled, malformed — gets the one same answer, {@code not_found}, after the same single store
 * lookup by hash, so neither the answer nor its timing tells them apart. Such lookups count
 * against the source in an {@link HourlyAllowance}.
 */
public final class CodeLookups {
  private static final Pattern LOOKUP = Pattern.compile("[A-Za-z0-9_-]{43}");
  /** Hashed in place of a malformed lookup, so it costs the same store round trip as any other. */
  private static final String NOBODY = "A".repeat(43);
  private final Store store;
  private final HourlyAllowance guesses;
  private final Stats stats;

  public CodeLookups(Store store, HourlyAllowance guesses, Stats stats) {
    this.store = store;
    this.guesses = guesses;
    this.stats = stats;
  }

  public Future<Item> find(String lookup, byte[] source) {
    // Taken before the lookup and given back when the code is found: only unknown codes count.
    if (!guesses.tryTake(source)) {
      return Future.failedFuture(new LyttException(ErrorCode.TOO_MANY_ATTEMPTS,
          "Too many unknown codes from here. Try again later.", guesses.retryAfter()));
    }
    boolean wellFormed = lookup != null && LOOKUP.matcher(lookup).matches();
    return store.itemByLookup(Ids.hash(wellFormed ? lookup : NOBODY)).map(found -> {
      if (found.isEmpty() || !wellFormed) {
        throw new LyttException(ErrorCode.NOT_FOUND, "No callback or ticket has this code, or it has expired.");
      }
      guesses.giveBack(source);
      return found.get();
    });
  }

  /**
   * Deletes a request its page sent but never heard back about, named by its id and lookup
   * together, and answers the same whether or not it was stored. The two together are not
   * guessed, so this costs no unknown-code guess; nothing is counted, since the visitor never saw
   * its code.
   */
  public Future<Void> withdraw(NewItem sent) {
    String lookupHash = Ids.hash(sent.lookup());
    return store.item(sent.id()).compose(found -> found.filter(i -> i.lookupHash().equals(lookupHash))
        .map(i -> store.deleteItem(i.id()).<Void>mapEmpty())
        .orElseGet(Future::succeededFuture));
  }

  /** Deletes the item with everything sealed in it. */
  public Future<Void> cancel(String lookup, byte[] source) {
    return find(lookup, source).compose(item -> store.deleteItem(item.id())
        .compose(deleted -> deleted && item.kind() == Item.Kind.CALLBACK && !item.state().terminal()
            ? stats.count(Counter.CALLBACKS_CANCELLED) : Future.<Void>succeededFuture()));
  }
}
