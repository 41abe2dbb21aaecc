package no.lytt.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import no.lytt.hours.Hours;
import no.lytt.presence.Duty;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Frames;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.relay.Notifier;
import no.lytt.stats.Counter;
import no.lytt.stats.Stats;
import no.lytt.store.Store;

/**
 * Joining, leaving and watching the queue: one future chain per operation, the rules themselves in
 * {@link QueueOrder} and {@link WaitEstimator}.
 */
public final class QueueService {
  /** What a visitor gets back from joining; the token is shown to them once and stored only hashed. */
  /**
   * @param movedOthers the newcomer was placed ahead of others (a ticket holder): their positions
   *                    changed and must be announced; a newcomer at the end moves nobody
   */
  public record Joined(QueueEntry entry, String token, int position, OptionalLong estimatedWaitSeconds,
                       boolean movedOthers) {
  }

  /**
   * How many queued visitors a console is shown, first come first. A console takes "the next
   * visitor who matches", never one from a list, so a longer list would be read for nothing.
   */
  public static final int CONSOLE_HEAD = 50;

  private final Store store;
  private final Hours hours;
  private final WaitEstimator estimator;
  private final Notifier notifier;
  private final Stats stats;
  private final Clock clock;
  private final Ids ids;
  private final int maxQueueLength;
  private final Supplier<Collection<String>> localVisitors;
  private final SharedReading<Outlook> outlook = new SharedReading<>(this::readOutlook);

  /**
   * @param localVisitors the visitors connected to this node, queued or not: those whose places
   *                      this node announces
   */
  public QueueService(Store store, Hours hours, WaitEstimator estimator, Notifier notifier,
                      Stats stats, Clock clock, Ids ids, int maxQueueLength,
                      Supplier<Collection<String>> localVisitors) {
    this.store = store;
    this.hours = hours;
    this.estimator = estimator;
    this.notifier = notifier;
    this.stats = stats;
    this.clock = clock;
    this.ids = ids;
    this.maxQueueLength = maxQueueLength;
    this.localVisitors = localVisitors;
  }

  /** A new, not yet queued place: the caller attaches its connection under the id first. */
  public record Ticket(QueueEntry entry, String token) {
  }

  public Ticket newTicket(Preference preference, Language language) {
    return newTicket(preference, language, clock.instant());
  }

  /**
   * A place dated {@code joinedAt}: an out-of-hours ticket's time, so its holder queues ahead of
   * everyone who came after them, first come first served.
   */
  public Ticket newTicket(Preference preference, Language language, java.time.Instant joinedAt) {
    String token = ids.random(16);
    return new Ticket(new QueueEntry(ids.random(16), Ids.hash(token), preference, language, joinedAt), token);
  }

  public boolean isOpen() {
    return hours.current().isOpen(clock.instant());
  }

  public Future<Joined> join(Ticket ticket) {
    if (!hours.current().isOpen(clock.instant())) {
      return Future.failedFuture(new LyttException(ErrorCode.CLOSED, "The service is closed right now."));
    }
    QueueEntry entry = ticket.entry();
    return store.enqueue(entry, maxQueueLength, CONSOLE_HEAD)
        .compose(view -> stats.count(Counter.CONTACTS_OFFERED).map(view))
        .map(view -> {
          int position = view.positionOf(entry.id());
          // The join read what consoles show, so this node's consoles need no second read; other
          // nodes were told by the store step itself.
          showConsoles(view);
          return new Joined(entry, ticket.token(), position, view.estimateFor(estimator, position),
              position < view.length());
        });
  }

  /** A visitor leaves the queue, or their grace period ran out: the place is gone and counted. */
  public Future<Boolean> leave(String entryId) {
    return store.dequeue(entryId).compose(removed -> removed
        ? stats.count(Counter.CONTACTS_ABANDONED).map(true)
        : Future.succeededFuture(false));
  }

  /** Where one visitor stands, and their estimate; position 0 when they are not queued. */
  public Future<Place> placeOf(String entryId) {
    return store.queueView(0, List.of(entryId)).map(view -> {
      int position = view.positionOf(entryId);
      return new Place(position, view.estimateFor(estimator, position));
    });
  }

  /** A queued visitor's place: what their page shows. */
  public record Place(int position, OptionalLong estimatedWaitSeconds) {
  }

  /** How many are waiting, and the estimate a visitor would get by joining now. */
  public record Outlook(int queueLength, OptionalLong newcomerEstimate) {
  }

  /**
   * Asked by every socket's welcome: askers while a reading is under way share it ({@link SharedReading}),
   * so a burst of reconnects costs one reading at a time, not one each.
   */
  public Future<Outlook> outlook() {
    return outlook.get();
  }

  private Future<Outlook> readOutlook() {
    return store.queueView(0, List.of()).map(view -> new Outlook(view.length(),
        view.estimateFor(estimator, view.length() + 1)));
  }

  /**
   * Shows every counsellor on duty the head of the queue. Called after anything that moves the
   * queue or changes capacity: a console takes the next visitor from what it sees, so it sees a
   * change at once. Reads only the head, however many wait.
   */
  public Future<Void> announceToConsoles() {
    return store.queueView(CONSOLE_HEAD, List.of()).map(view -> {
      showConsoles(view);
      return null;
    });
  }

  /**
   * Tells this node's queued visitors their position and estimate. Every hand-over moves everyone
   * behind, so this costs a place and a frame per waiting visitor: the caller paces it (a second
   * between announcements is prompt for a person watching their place) rather than running it on
   * every change, which with thousands waiting took the node's whole time.
   */
  public Future<Void> announcePositions() {
    return store.queueView(0, localVisitors.get()).map(view -> {
      view.positions().forEach((id, position) ->
          notifier.toVisitor(id, positionFrame(position, view.estimateFor(estimator, position))));
      return null;
    });
  }

  private void showConsoles(QueueView view) {
    notifier.showQueue(view.staffing().onDuty().stream().map(Duty::username).toList(),
        Frames.queueForCounsellors(view.head(), view.length(), clock.millis()));
  }

  public static JsonObject positionFrame(int position, OptionalLong estimate) {
    return Frames.of("queue").put("position", position)
        .put("estimatedWaitSeconds", estimate.isPresent() ? estimate.getAsLong() : null);
  }
}
