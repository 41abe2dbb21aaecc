package no.lytt.loadgen;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends on a schedule fixed in advance, whatever the server does: message k is due at
 * {@code start + k / rate}, goes to chat {@code k mod chats}, and alternates direction with each
 * round over the chats. The due time travels in the message, so when the sender is late (the
 * server pushed back, a GC paused us) the delay counts as latency instead of silently lowering the
 * rate (coordinated omission).
 */
final class OpenLoop {
  private OpenLoop() {
  }

  /** Runs for {@code seconds} at {@code rate} messages a second over {@code chats} chats. */
  static void run(ChatTarget target, Tracker tracker, int chats, double rate, double seconds, int length) {
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    for (long k = 0; ; k++) {
      long due = start + k * interval;
      if (due >= end) {
        return;
      }
      waitUntil(due);
      int chat = (int) (k % chats);
      int side = (int) ((k / chats) % 2);
      tracker.send(target, chat, side, due, length);
    }
  }

  private static void waitUntil(long due) {
    long left;
    while ((left = due - System.nanoTime()) > 0) {
      if (left > 100_000) {
        LockSupport.parkNanos(left - 50_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }
}
