package no.lytt.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import no.lytt.store.DispatchResult;

/**
 * Lets one accept of this node at a time go to the store; the others wait behind it, first pressed
 * first. When a visitor joins, every console on duty sees the queue change and may press accept: one
 * dispatch takes the visitor, and each other press would cost a store call only to hear "nobody".
 *
 * <p>So when a dispatch reports the queue empty after it, the accepts pressed <em>before it was sent</em>
 * are answered "no match" here, without a store call. That is sound because a console presses in answer
 * to a queue view, and a view is published only once the visitor it shows is stored: whoever such an
 * accept could have seen was in the store when the dispatch ran, and nobody is left. An accept pressed
 * after the dispatch was sent may answer a visitor who came after it ran, so it still goes to the store.
 * Any other answer — visitors still waiting (this counsellor may not match them, the next may), a
 * refusal that is the counsellor's own (duty, capacity, chat id), a failure — lets the next one go.
 *
 * <p>Per node only: accepts from other nodes race in the store as before, where the dispatch is
 * atomic. Accepts come from several event loops; each one's dispatch is started and answered through
 * the {@link Executor} it brings, so it runs on its own.
 */
public final class AcceptGate {
  /** What an accept answered here hears: nobody matches, nobody is waiting. */
  private static final DispatchResult NOBODY_LEFT = DispatchResult.noMatch(0);

  private final Deque<Waiting> waiting = new ArrayDeque<>();
  /** Accepts pressed so far: the press number orders them, and marks which came before a dispatch. */
  private long presses;
  private boolean inFlight;

  /**
   * Runs {@code dispatch} once no earlier accept of this node is in flight, or answers "no match"
   * without running it (see the class comment).
   *
   * @param turn runs a task where this accept's dispatch must start and its answer arrive (its own
   *     event loop); not used when the gate is free, since the caller is there already
   */
  public Future<DispatchResult> pass(Executor turn, Supplier<Future<DispatchResult>> dispatch) {
    Waiting press;
    synchronized (this) {
      press = new Waiting(++presses, turn, dispatch);
      if (inFlight) {
        waiting.add(press);
        return press.answer.future();
      }
      inFlight = true;
    }
    return send(press, press.number);
  }

  /** {@code sentAfter}: the last press made before this dispatch was sent. */
  private Future<DispatchResult> send(Waiting press, long sentAfter) {
    Future<DispatchResult> done;
    try {
      done = press.dispatch.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.andThen(r -> finished(sentAfter, r.succeeded() && r.result().leftQueueEmpty()));
  }

  private void finished(long sentAfter, boolean leftQueueEmpty) {
    List<Waiting> answered = new ArrayList<>();
    Waiting next;
    long nextSentAfter;
    synchronized (this) {
      // Presses are queued in the order they are numbered, so those before the mark are the head.
      while (leftQueueEmpty && !waiting.isEmpty() && waiting.peek().number <= sentAfter) {
        answered.add(waiting.poll());
      }
      next = waiting.poll();
      inFlight = next != null;
      nextSentAfter = presses;
    }
    answered.forEach(w -> w.turn.execute(() -> w.answer.complete(NOBODY_LEFT)));
    if (next != null) {
      next.turn.execute(() -> send(next, nextSentAfter).onComplete(next.answer));
    }
  }

  private record Waiting(long number, Executor turn, Supplier<Future<DispatchResult>> dispatch,
                         Promise<DispatchResult> answer) {
    Waiting(long number, Executor turn, Supplier<Future<DispatchResult>> dispatch) {
      this(number, turn, dispatch, Promise.promise());
    }
  }
}
