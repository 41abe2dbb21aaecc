package no.lytt.wrapup;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import no.lytt.lists.ListKind;
import no.lytt.lists.Lists;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * The anonymous wrap-up of an ended chat. What remains of it are counters, one per answer, under
 * {@code wrapup.saved}, {@code wrapup.category.<id>}, {@code wrapup.plissit.<level>},
 * {@code wrapup.referral.<id|none>} and {@code wrapup.source.<id|unknown>}. To accept one wrap-up per
 * chat, and only from the counsellor who had it, the store remembers an ended chat's id and owner
 * for {@link #REMEMBERED} (the relay tells it when a chat ends, however it ends), nothing else, and
 * then forgets it.
 */
public final class WrapUps {
  /** Long enough to finish an evening shift's wrap-ups the next morning, short enough to keep nothing. */
  public static final Duration REMEMBERED = Duration.ofHours(12);
  private final Store store;
  private final Lists lists;
  private final Stats stats;

  public WrapUps(Store store, Lists lists, Stats stats) {
    this.store = store;
    this.lists = lists;
    this.stats = stats;
  }

  /** Checks every answer against the lists, then takes the chat's one wrap-up, then counts. */
  public Future<Void> save(String counsellor, WrapUp w) {
    return Future.all(
            lists.isChoice(ListKind.CATEGORIES, w.category()),
            WrapUp.NO_REFERRAL.equals(w.referral()) ? Future.succeededFuture(true) : lists.isChoice(ListKind.REFERRALS, w.referral()),
            WrapUp.UNKNOWN_SOURCE.equals(w.source()) ? Future.succeededFuture(true) : lists.isChoice(ListKind.SOURCES, w.source()))
        .compose(checks -> {
          String[] fields = {"category", "referral", "source"};
          for (int i = 0; i < fields.length; i++) {
            if (!checks.<Boolean>resultAt(i)) {
              return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME, "Field '" + fields[i] + "' is not on the list."));
            }
          }
          return store.claimWrapUp(w.chatId(), counsellor);
        })
        .compose(claim -> switch (claim) {
          case CLAIMED -> count(w);
          case UNKNOWN -> Future.failedFuture(new LyttException(ErrorCode.NOT_FOUND, "No ended chat by this id."));
          case NOT_OWNER -> Future.failedFuture(new LyttException(ErrorCode.FORBIDDEN, "Only the counsellor who had the chat saves its wrap-up."));
          case ALREADY_SAVED -> Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE, "This chat's wrap-up is saved already."));
        });
  }

  private Future<Void> count(WrapUp w) {
    return Future.all(List.of("wrapup.saved", "wrapup.category." + w.category(), "wrapup.plissit." + w.plissit().wire(),
        "wrapup.referral." + w.referral(), "wrapup.source." + w.source()).stream().map(stats::count).toList()).mapEmpty();
  }
}
