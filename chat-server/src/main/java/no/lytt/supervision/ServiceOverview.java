package no.lytt.supervision;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.lytt.accounts.Account;
import no.lytt.callback.CallbackService;
import no.lytt.callback.Item;
import no.lytt.callback.TicketService;
import no.lytt.presence.Duty;
import no.lytt.queue.QueueEntry;
import no.lytt.queue.QueueView;
import no.lytt.store.Store;

/**
 * The state of the service right now, for a supervisor: who is on duty and how busy, the queue,
 * tickets and callbacks. Counts and names of staff only — never a visitor's details, never content,
 * which the server does not have anyway.
 */
public final class ServiceOverview {
  private final Store store;
  private final TicketService tickets;
  private final CallbackService callbacks;
  private final Clock clock;

  public ServiceOverview(Store store, TicketService tickets, CallbackService callbacks, Clock clock) {
    this.store = store;
    this.tickets = tickets;
    this.callbacks = callbacks;
    this.clock = clock;
  }

  /** A counsellor on duty or on a break, with the chats they hold against their capacity. */
  public record Counsellor(String displayName, Duty.Status status, int chats, int capacity) {
  }

  public record Snapshot(Instant now, List<Counsellor> counsellors, int queueLength, Duration longestWait,
                         int ticketsWaiting, int callbacksOpen, int callbacksDue) {
    public int chatsRunning() {
      return counsellors.stream().mapToInt(Counsellor::chats).sum();
    }
  }

  public Future<Snapshot> now() {
    Instant now = clock.instant();
    Future<List<Counsellor>> staff = Future.all(store.accounts(), store.onDuty()).compose(both -> {
      Set<String> reachable = both.<List<Duty>>resultAt(1).stream().map(Duty::username).collect(Collectors.toSet());
      return Future.all(both.<List<Account>>resultAt(0).stream().filter(a -> !a.disabled())
          .map(a -> counsellor(a, reachable)).toList());
    }).map(done -> done.<Counsellor>list().stream().filter(c -> c != null)
        .sorted(Comparator.comparing(Counsellor::displayName)).toList());
    // The head alone: the first in the queue has waited longest, and a long queue is not read whole.
    Future<QueueView> queue = store.queueView(1, List.of());
    Future<List<Item>> waiting = tickets.waiting();
    Future<List<Item>> open = callbacks.list();
    return Future.all(staff, queue, waiting, open).map(all -> {
      QueueView view = queue.result();
      Duration longest = view.head().stream().map(QueueEntry::joinedAt).findFirst()
          .map(first -> Duration.between(first, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
      int due = (int) open.result().stream().filter(i -> due(i, now)).count();
      return new Snapshot(now, staff.result(), view.length(), longest, waiting.result().size(), open.result().size(), due);
    });
  }

  /**
   * Null for a counsellor off duty: the overview lists only who is working. "On duty" is believed
   * only of those the store can still hand visitors to ({@code reachable}): a console on a node that
   * died keeps its recorded status, but no visitor would reach it.
   */
  private Future<Counsellor> counsellor(Account account, Set<String> reachable) {
    return store.duty(account.username()).compose(duty -> duty.status() == Duty.Status.OFF
        || (duty.status() == Duty.Status.ON && !reachable.contains(account.username()))
        ? Future.succeededFuture(null)
        : store.chatsOf(account.username()).map(chats ->
            new Counsellor(account.displayName(), duty.status(), chats.size(), duty.capacity())));
  }

  /**
   * A callback someone could ring now: not held by a counsellor, not resting after an unanswered
   * call, and with a window already begun (one whose window has passed is overdue, and due all
   * the more).
   */
  static boolean due(Item item, Instant now) {
    boolean held = item.claimedAt(now);
    boolean resting = item.nextTryAt() != null && now.isBefore(item.nextTryAt());
    boolean begun = item.windows().stream().anyMatch(w -> !now.isBefore(w.from()));
    return !held && !resting && begun;
  }
}
