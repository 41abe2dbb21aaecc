package no.lytt.queue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Frames;
import no.lytt.protocol.LyttException;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatOffer;
import no.lytt.relay.Notifier;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.stats.TimeBuckets;
import no.lytt.store.DispatchRequest;
import no.lytt.store.DispatchResult;
import no.lytt.store.Store;
import no.lytt.store.StoreUnavailableException;

/**
 * "Accept next": hands the longest-waiting matching visitor to exactly one counsellor, however many
 * press accept at once — the store does the pick and the hand-over in one atomic step — and sends
 * the visitor the counsellor's signed chat key. Accepts pressed on this node at the same moment go
 * through an {@link AcceptGate}, so a herd of them for one newcomer costs two store calls (the first
 * press, and the first pressed after it went out), not one each.
 */
public final class Dispatcher {
  private final Store store;
  private final Notifier notifier;
  private final Stats stats;
  private final Clock clock;
  private final AcceptGate gate = new AcceptGate();

  public Dispatcher(Store store, Notifier notifier, Stats stats, Clock clock) {
    this.store = store;
    this.notifier = notifier;
    this.stats = stats;
    this.clock = clock;
  }

  public Future<Chat> accept(Account account, Device device, String chatId, String chatPub, String chatKeySig) {
    ChatOffer offer = new ChatOffer(chatPub, chatKeySig, device.certificate());
    return gate.pass(callersTurn(), () -> store.dispatch(
                new DispatchRequest(account.profile(), chatId, device.deviceId(), offer, clock.instant()))
            .recover(e -> e instanceof StoreUnavailableException ? settle(account.username(), chatId, e)
                : Future.failedFuture(e)))
        .compose(this::handOver);
  }

  /** Where a waiting accept's dispatch runs and is answered: the event loop of the console that pressed. */
  private static Executor callersTurn() {
    Context context = Vertx.currentContext();
    return context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
  }

  /**
   * The store did not answer in time, but it may have done the hand-over all the same: a visitor
   * taken then and never offered would wait for nothing. The chat id is the counsellor's own and
   * new, so looking it up tells which happened.
   */
  private Future<DispatchResult> settle(String username, String chatId, Throwable unanswered) {
    return store.chat(chatId).compose(chat -> chat.filter(c -> c.counsellor().equals(username))
        .map(c -> Future.succeededFuture(DispatchResult.found(c)))
        .orElseGet(() -> Future.failedFuture(unanswered)));
  }

  private Future<Chat> handOver(DispatchResult result) {
    return switch (result.outcome()) {
      case DISPATCHED -> {
        Chat chat = result.chat().orElseThrow();
        notifier.toVisitor(chat.visitor().id(), Frames.offer(chat));
        // The wait runs from joining the queue (or taking an out-of-hours ticket, which is the
        // place the queue keeps) to this accept; only its band is kept.
        yield stats.count(Counter.CONTACTS_ANSWERED.key(),
                TimeBuckets.waitKey(Duration.between(chat.visitor().joinedAt(), chat.createdAt())))
            .map(chat);
      }
      case NO_MATCH -> Future.failedFuture(new LyttException(ErrorCode.NO_MATCH,
          "Nobody in the queue matches you right now."));
      case ON_BREAK -> Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE,
          "You are on a break: go on duty to take new visitors."));
      case OFF_DUTY -> Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE,
          "Go on duty before accepting visitors."));
      case CAPACITY_REACHED -> Future.failedFuture(new LyttException(ErrorCode.CAPACITY_REACHED,
          "You already have as many chats as your capacity."));
      case DUPLICATE_CHAT_ID -> Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME,
          "This chat id is taken; make a new chat key."));
    };
  }
}
