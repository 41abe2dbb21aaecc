package no.lytt.transfer;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Frames;
import no.lytt.protocol.LyttException;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatOffer;
import no.lytt.relay.ChatState;
import no.lytt.relay.Direction;
import no.lytt.relay.Notifier;
import no.lytt.relay.RelayService;
import no.lytt.relay.Side;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;
import no.lytt.store.StoreUnavailableException;

/**
 * Hands a running chat to a colleague on duty, in two steps so that the visitor is never without a
 * counsellor: the first counsellor asks ({@link #ask}), which is recorded and sent to the colleague's
 * console, wherever it is; that console answers with a fresh chat key ({@link #take}), and only then
 * does the store swap the first counsellor's chat for the colleague's offered one in one atomic step.
 * Until then the chat runs on with the first counsellor, and every failure — the colleague full, gone
 * off duty, not answering within {@link #ANSWER_TIME}, messages still on their way — leaves it there
 * and tells them why. The new chat is a new handshake: nothing of the old keys or conversation
 * reaches the colleague, and the server could not pass it on if it wanted to.
 */
public final class TransferService {
  /** How long the colleague's console has to answer; it answers by itself, so this is generous. */
  public static final Duration ANSWER_TIME = Duration.ofSeconds(15);
  /** How long the hand-over waits for both sides to have acknowledged everything sent. */
  private static final Duration SETTLE_PAUSE = Duration.ofMillis(200);
  private static final int SETTLE_TRIES = 15;

  private final Store store;
  private final RelayService relay;
  private final Notifier notifier;
  private final Stats stats;
  private final Clock clock;
  private final Function<Duration, Future<Void>> pause;
  private final Colleagues colleagues;

  /** @param pause completes after the given time (a timer), for the answer deadline and settling */
  public TransferService(Store store, RelayService relay, Notifier notifier, Stats stats, Clock clock,
                         Function<Duration, Future<Void>> pause) {
    this.store = store;
    this.relay = relay;
    this.notifier = notifier;
    this.stats = stats;
    this.clock = clock;
    this.pause = pause;
    this.colleagues = new Colleagues(store);
  }

  /** The colleagues {@code me} could hand {@code chatId} to now: on duty, not on a break, with a free slot. */
  public Future<List<Colleague>> colleagues(Account me, String chatId) {
    return relay.chatOf(chatId, Side.COUNSELLOR, me.username()).compose(chat -> colleagues.onDutyFor(me, chat));
  }

  /**
   * {@code from} asks to hand their running chat to {@code to}; completes with the colleague's
   * account once their console has been asked. Refused, with nothing changed, for a chat that is not
   * theirs or not running, for themselves, and for a colleague who is not on duty or has no free slot.
   */
  public Future<Account> ask(Account from, String chatId, String to) {
    if (to.equals(from.username())) {
      return Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE, "You cannot hand a chat to yourself."));
    }
    return relay.chatOf(chatId, Side.COUNSELLOR, from.username()).compose(chat -> {
      if (chat.state() != ChatState.OPEN) {
        throw new LyttException(ErrorCode.WRONG_STATE, "Only a running chat can be handed over.");
      }
      return colleagues.available(to).compose(colleague -> store.askTransfer(chatId, from.username(), to,
          clock.instant().plus(ANSWER_TIME)).map(asked -> switch (asked) {
            case ASKED -> {
              notifier.toCounsellor(to, TransferFrames.handover(chat, from.displayName()));
              pause.apply(ANSWER_TIME).onSuccess(v -> withdraw(chatId, from.username(), to, "unanswered"));
              yield colleague;
            }
            case ALREADY_ASKED -> throw new LyttException(ErrorCode.WRONG_STATE,
                "This chat is already being handed over.");
            case NOT_OPEN -> throw new LyttException(ErrorCode.WRONG_STATE, "Only a running chat can be handed over.");
            case NOT_FOUND -> throw new LyttException(ErrorCode.NOT_FOUND, "No such chat.");
          }));
    });
  }

  /**
   * The colleague's console answers with its own new chat key. Completes with the colleague's
   * offered chat once the visitor has been handed over; on any failure the first counsellor keeps
   * the chat and is told.
   */
  public Future<Chat> take(Account to, Device device, String fromChatId, String chatId, String chatPub,
                           String chatKeySig) {
    return store.chat(fromChatId).compose(found -> {
      Chat old = found.filter(c -> c.state() == ChatState.OPEN).orElseThrow(
          () -> new LyttException(ErrorCode.WRONG_STATE, "This hand-over is no longer open."));
      return takeOver(to, device, old, chatId, new ChatOffer(chatPub, chatKeySig, device.certificate()))
          .recover(e -> withdraw(old.chatId(), old.counsellor(), to.username(), reason(e))
              .transform(x -> Future.failedFuture(e)));
    });
  }

  private Future<Chat> takeOver(Account to, Device device, Chat old, String chatId, ChatOffer offer) {
    return store.duty(to.username()).compose(duty -> {
      if (!duty.onDuty()) {
        throw new LyttException(ErrorCode.COLLEAGUE_UNAVAILABLE, "Go on duty before taking a visitor.");
      }
      return settled(old.chatId(), SETTLE_TRIES).compose(v -> store.transfer(new TransferRequest(old.chatId(),
          to.profile(), duty.capacity(), chatId, device.deviceId(), offer, clock.instant()))
          .recover(e -> e instanceof StoreUnavailableException ? settle(old, chatId, to.username(), e)
              : Future.failedFuture(e)));
    }).compose(result -> switch (result.outcome()) {
      case TRANSFERRED -> handOver(result.ended().orElseThrow(), result.offered().orElseThrow(), to);
      case NOT_ASKED -> Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE,
          "This hand-over is no longer open."));
      case CAPACITY_REACHED -> Future.failedFuture(new LyttException(ErrorCode.CAPACITY_REACHED,
          "You already have as many chats as your capacity."));
      case DUPLICATE_CHAT_ID -> Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME,
          "This chat id is taken; make a new chat key."));
    });
  }

  /**
   * The store did not answer in time, but it may have swapped the chats all the same: a visitor
   * handed over and never offered would wait for nothing. The new chat id is the colleague's own,
   * so looking it up tells which happened.
   */
  private Future<TransferResult> settle(Chat old, String chatId, String to, Throwable unanswered) {
    return store.chat(chatId).compose(found -> found.filter(c -> c.counsellor().equals(to))
        .map(c -> Future.succeededFuture(TransferResult.transferred(old, c)))
        .orElseGet(() -> Future.failedFuture(unanswered)));
  }

  /**
   * Waits until each side has acknowledged everything the other sent, so the first part of the
   * conversation ends complete on both pages: nothing is left held for a chat about to be deleted.
   * A message sent after this is refused (the chat is gone) and shown as not delivered.
   */
  private Future<Void> settled(String chatId, int triesLeft) {
    return Future.all(store.pending(chatId, Direction.TO_COUNSELLOR, 0), store.pending(chatId, Direction.TO_VISITOR, 0))
        .compose(all -> {
          boolean quiet = all.<List<?>>resultAt(0).isEmpty() && all.<List<?>>resultAt(1).isEmpty();
          if (quiet) {
            return Future.succeededFuture();
          }
          if (triesLeft <= 1) {
            return Future.failedFuture(new LyttException(ErrorCode.IN_FLIGHT,
                "Messages of this chat have not reached the other side yet; try again when they have."));
          }
          return pause.apply(SETTLE_PAUSE).compose(v -> settled(chatId, triesLeft - 1));
        });
  }

  private Future<Chat> handOver(Chat old, Chat offered, Account to) {
    relay.forget(old.chatId());
    notifier.toCounsellor(old.counsellor(), TransferFrames.handedOver(old.chatId(), to.displayName()));
    // Same path to the visitor for both, so the old chat ends on their page before the new offer.
    notifier.toVisitor(old.visitor().id(), Frames.ended(old.chatId(), "transferred"));
    notifier.toVisitor(offered.visitor().id(), Frames.offer(offered));
    return stats.count(Counter.CHATS_TRANSFERRED).map(offered);
  }

  /** The colleague's console cannot take the visitor (no certified device, no key): the chat stays. */
  public Future<Void> decline(Account to, String fromChatId) {
    return store.chat(fromChatId).compose(found -> found
        .map(old -> withdraw(old.chatId(), old.counsellor(), to.username(), "declined"))
        .orElseGet(Future::succeededFuture));
  }

  /** Withdraws the ask; whoever withdraws it first tells the first counsellor, once. */
  private Future<Void> withdraw(String chatId, String from, String to, String reason) {
    return store.cancelTransfer(chatId, to).map(withdrawn -> {
      if (withdrawn) {
        notifier.toCounsellor(from, TransferFrames.failed(chatId, reason));
      }
      return null;
    });
  }

  private static String reason(Throwable e) {
    return e instanceof LyttException le ? le.code().wire() : ErrorCode.UNAVAILABLE.wire();
  }
}
