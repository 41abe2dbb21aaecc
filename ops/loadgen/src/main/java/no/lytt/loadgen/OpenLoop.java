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

  /**
   * Parks, never spins: the load generator has one core, and a sender spinning between messages
   * 100 µs apart took it from the event loops that receive them. Waking late (Linux parks in
   * steps of about 50 µs) only sends the due messages together; their due times stay as planned.
   */
  private static void waitUntil(long due) {
    long left;
    while ((left = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
