package no.lytt.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
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
  public record Joined(QueueEntry entry, String token, int position, OptionalLong estimatedWaitSeconds) {
  }

  private final Store store;
  private final Hours hours;
  private final WaitEstimator estimator;
  private final Notifier notifier;
  private final Stats stats;
  private final Clock clock;
  private final Ids ids;
  private final int maxQueueLength;

  public QueueService(Store store, Hours hours, WaitEstimator estimator, Notifier notifier,
                      Stats stats, Clock clock, Ids ids, int maxQueueLength) {
    this.store = store;
    this.hours = hours;
    this.estimator = estimator;
    this.notifier = notifier;
    this.stats = stats;
    this.clock = clock;
    this.ids = ids;
    this.maxQueueLength = maxQueueLength;
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
    return store.enqueue(entry, maxQueueLength)
        .compose(v -> stats.count(Counter.CONTACTS_OFFERED))
        .compose(v -> snapshot())
        .map(s -> {
          int position = s.positionOf(entry.id());
          return new Joined(entry, ticket.token(), position, s.estimateFor(estimator, position));
        });
  }

  /** A visitor leaves the queue, or their grace period ran out: the place is gone and counted. */
  public Future<Boolean> leave(String entryId) {
    return store.dequeue(entryId).compose(removed -> removed
        ? stats.count(Counter.CONTACTS_ABANDONED).map(true)
        : Future.succeededFuture(false));
  }

  public Future<QueueSnapshot> snapshot() {
    return Future.all(store.queue(), store.onDuty(), store.recentChatDurations()).compose(all -> {
      List<QueueEntry> entries = all.resultAt(0);
      List<Duty> duty = all.resultAt(1);
      int slots = duty.stream().mapToInt(Duty::capacity).sum();
      List<Future<Integer>> busy = duty.stream()
          .map(d -> store.chatsOf(d.username()).map(List::size)).toList();
      return Future.all(busy).map(b -> {
        int busySlots = 0;
        for (int i = 0; i < busy.size(); i++) {
          busySlots += Math.min(duty.get(i).capacity(), b.<Integer>resultAt(i));
        }
        return new QueueSnapshot(entries, slots, busySlots, all.resultAt(2));
      });
    });
  }

  /** The estimate a visitor would get by joining now. */
  public Future<OptionalLong> estimateForNewcomer() {
    return snapshot().map(s -> s.estimateFor(estimator, s.entries().size() + 1));
  }

  /**
   * Tells every queued visitor their new position and estimate, and every counsellor on duty the new
   * queue. Called after anything that moves the queue or changes capacity.
   */
  public Future<Void> announce() {
    return Future.all(snapshot(), store.onDuty()).map(all -> {
      QueueSnapshot s = all.resultAt(0);
      List<Duty> duty = all.resultAt(1);
      for (int i = 0; i < s.entries().size(); i++) {
        QueueEntry e = s.entries().get(i);
        notifier.toVisitor(e.id(), positionFrame(i + 1, s.estimateFor(estimator, i + 1)));
      }
      JsonObject queue = Frames.queueForCounsellors(s.entries(), clock.millis());
      for (Duty d : duty) {
        notifier.toCounsellor(d.username(), queue);
      }
      return null;
    });
  }

  public static JsonObject positionFrame(int position, OptionalLong estimate) {
    return Frames.of("queue").put("position", position)
        .put("estimatedWaitSeconds", estimate.isPresent() ? estimate.getAsLong() : null);
  }
}
