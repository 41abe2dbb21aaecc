package no.lytt.loadgen;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends on a schedule fixed in advance, whatever the server does: message k is due at
 * {@code start + k / rate}, goes to chat {@code k mod chats}, and alternates direction with each
 * round over the chats. The due time travels in the message, so when the sender is late (the
 * server pushed back, a GC paused us) the delay counts as latency instead of silently lowering the
 * rate (coordinated omission).
 *
 * <p>A timing thread hands the messages due since its last wake-up to one event loop as one task,
 * at most every 250 µs, and that loop sends them. Sending from the timing thread itself made every
 * message a hand-over to the socket's event loop and a wake-up of it: at 20,000 msg/s to the bare
 * relay the load generator spent 58 % of its core, 31 % in the kernel; handing over in batches, 39 %
 * and 21 %. A message waits up to 250 µs for its batch; that wait counts as latency, for every
 * target alike.
 */
final class OpenLoop {
  /** At most one hand-over to the sending loop per this many nanoseconds. */
  private static final long BATCH_NANOS = 250_000;

  private OpenLoop() {
  }

  /** Runs for {@code seconds} at {@code rate} messages a second over {@code chats} chats. */
  static void run(Vertx vertx, ChatTarget target, Tracker tracker, int chats, double rate, double seconds,
                  int length) {
    Context loop = vertx.getOrCreateContext();
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime();
    long total = (long) (seconds * rate);
    long next = 0;
    long lastWake = 0;
    while (next < total) {
      waitUntil(Math.max(start + next * interval, lastWake + BATCH_NANOS));
      lastWake = System.nanoTime();
      long due = Math.min(total, (lastWake - start) / interval + 1);
      long from = next;
      loop.runOnContext(v -> {
        for (long k = from; k < due; k++) {
          int chat = (int) (k % chats);
          int side = (int) ((k / chats) % 2);
          tracker.send(target, chat, side, start + k * interval, length);
        }
      });
      next = due;
    }
    CountDownLatch sent = new CountDownLatch(1);
    loop.runOnContext(v -> sent.countDown());
    try {
      sent.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
