package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import no.lytt.client.Backoff;
import no.lytt.client.ProtocolError;

/**
 * Reconnecting the way the pages do ({@code transport/connection.js}): attempts spaced by full
 * jitter, 500 ms doubling to 15 s, at least 250 ms, each given up after {@link #ATTEMPT_TIMEOUT_MS}
 * without an answer, until the run's deadline. One reconnect at a time per client: a request while
 * one is under way joins it, and another follows once it is done, since what asked for it (a
 * refused message on the new connection) may have come after that reconnect's resume.
 *
 * <p>Failed attempts are counted by kind (an error code or an exception class, never a message);
 * an attempt that connects but gets no answer is {@code no_answer}, as a page gives up on a socket
 * that never says welcome.
 */
final class Reconnects {
  static final long ATTEMPT_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final Map<Object, Future<Void>> underWay = new ConcurrentHashMap<>();
  /** Clients asked to reconnect again while one was under way: the shortest delay asked for. */
  private final Map<Object, Long> again = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private volatile long deadline = Long.MAX_VALUE;

  Reconnects(Vertx vertx) {
    this.vertx = vertx;
  }

  /** No attempt starts after {@code epochMillis}. */
  void until(long epochMillis) {
    this.deadline = epochMillis;
  }

  /**
   * Reconnects {@code client} after {@code delayMs} with {@code attempt}, retrying with the page's
   * backoff. Completes when an attempt succeeds, fails when the deadline passes first.
   */
  Future<Void> reconnect(Object client, long delayMs, Supplier<Future<?>> attempt,
                         Supplier<Future<?>> giveUp) {
    Promise<Void> done = Promise.promise();
    Future<Void> existing = underWay.putIfAbsent(client, done.future());
    if (existing != null) {
      again.merge(client, delayMs, Math::min);
      return existing;
    }
    done.future().onComplete(r -> {
      underWay.remove(client);
      Long next = again.remove(client);
      if (next != null && r.succeeded()) {
        reconnect(client, next, attempt, giveUp);
      }
    });
    vertx.setTimer(Math.max(1, delayMs), t -> attempt(0, attempt, giveUp, done));
    return done.future();
  }

  /** Reconnects not yet done. */
  int underWay() {
    return underWay.size();
  }

  /** Failed attempts so far by kind, e.g. {@code {no_answer=3, unavailable=12}}. */
  String failures() {
    Map<String, Long> out = new TreeMap<>();
    failures.forEach((k, v) -> out.put(k, v.sum()));
    return out.toString();
  }

  private void attempt(int n, Supplier<Future<?>> attempt, Supplier<Future<?>> giveUp, Promise<Void> done) {
    if (System.currentTimeMillis() >= deadline) {
      count("gave_up");
      done.fail("not reconnected before the run's deadline");
      return;
    }
    AtomicBoolean settled = new AtomicBoolean();
    Runnable retry = () -> vertx.setTimer(Backoff.delay(n), t -> attempt(n + 1, attempt, giveUp, done));
    long timer = vertx.setTimer(ATTEMPT_TIMEOUT_MS, t -> {
      if (settled.compareAndSet(false, true)) {
        count("no_answer");
        giveUp.get().onComplete(d -> retry.run());
      }
    });
    attempt.get().onComplete(r -> {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      vertx.cancelTimer(timer);
      if (r.succeeded()) {
        done.complete();
      } else {
        Throwable e = r.cause();
        count(e instanceof ProtocolError pe ? pe.code() : e.getClass().getSimpleName());
        retry.run();
      }
    });
  }

  private void count(String kind) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }
}
