package no.lytt.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and times every message of a run, per chat and direction (0: visitor or side A to
 * counsellor or side B; 1: back). Latencies go into an HdrHistogram {@link Recorder} in
 * microseconds, read interval by interval so each step of a run has its own.
 *
 * <p>A sender keeps at most {@code window} messages outstanding per direction (sent, not yet
 * received), as Lytt's page waits for acknowledgements; a send the schedule asks for beyond that
 * is counted as held back, not silently skipped.
 */
final class Tracker {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
  private final Recorder latency = new Recorder(MAX_MICROS, 3);
  private final AtomicLongArray sent;
  private final AtomicLongArray received;
  private final long window;
  private final LongAdder sentTotal = new LongAdder();
  private final LongAdder receivedTotal = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder gaps = new LongAdder();
  private final LongAdder held = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private volatile int excluded = -1;

  Tracker(int chats, long window) {
    this.sent = new AtomicLongArray(chats * 2);
    this.received = new AtomicLongArray(chats * 2);
    this.window = window;
  }

  /**
   * Sends the next message of {@code chat} from {@code side} unless the direction's window is full.
   * Called on one thread at a time (the event loop {@link OpenLoop} sends from).
   */
  void send(ChatTarget target, int chat, int side, long intendedNanos, int length) {
    int d = chat * 2 + side;
    long next = sent.get(d) + 1;
    if (next - received.get(d) > window || !target.canSend(chat, side)) {
      held.increment();
      return;
    }
    sent.set(d, next);
    sentTotal.increment();
    target.send(chat, side, Payload.make(intendedNanos, next, length));
  }

  /** A message of {@code chat} sent from {@code fromSide} arrived at the other side. */
  void received(int chat, int fromSide, String payload) {
    long now = System.nanoTime();
    int d = chat * 2 + fromSide;
    long counter = Payload.counter(payload);
    long last = received.get(d);
    if (counter <= last) {
      duplicates.increment();
      return;
    }
    if (counter != last + 1) {
      gaps.increment();
    }
    received.set(d, counter);
    receivedTotal.increment();
    if (chat != excluded) {
      long micros = Math.max(0, (now - Payload.intended(payload)) / 1000);
      latency.recordValue(Math.min(micros, MAX_MICROS));
    }
  }

  /** Latencies of {@code chat} are left out of the histogram (the stalled reader's own chat). */
  void exclude(int chat) {
    excluded = chat;
  }

  void error() {
    errors.increment();
  }

  /** Latencies recorded since the previous call. */
  Histogram interval() {
    return latency.getIntervalHistogram();
  }

  long sent() {
    return sentTotal.sum();
  }

  long received() {
    return receivedTotal.sum();
  }

  long duplicates() {
    return duplicates.sum();
  }

  long gaps() {
    return gaps.sum();
  }

  long held() {
    return held.sum();
  }

  long errors() {
    return errors.sum();
  }

  /**
   * Where what has not arrived was stuck: for each sending side, the messages missing and the
   * number of chats missing any, e.g. {@code visitor 3 in 2, counsellor 0 in 0}.
   */
  String missing() {
    long[] messages = new long[2];
    long[] chats = new long[2];
    for (int d = 0; d < sent.length(); d++) {
      long m = sent.get(d) - received.get(d);
      if (m > 0) {
        messages[d % 2] += m;
        chats[d % 2]++;
      }
    }
    return "visitor " + messages[0] + " in " + chats[0] + ", counsellor " + messages[1] + " in " + chats[1];
  }

  /** Chats with messages from {@code side} that have not arrived, at most {@code max}. */
  java.util.List<Integer> missingChats(int side, int max) {
    java.util.List<Integer> chats = new java.util.ArrayList<>();
    for (int chat = 0; chat * 2 + side < sent.length() && chats.size() < max; chat++) {
      int d = chat * 2 + side;
      if (sent.get(d) > received.get(d)) {
        chats.add(chat);
      }
    }
    return chats;
  }

  /** Waits until everything sent has arrived, at most {@code maxMillis}; true if it all did. */
  boolean drain(long maxMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    while (received() + duplicates() < sent() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return received() >= sent();
  }
}
