package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every frame the server sent on any of this client's connections, in arrival order, for tests
 * to await: {@code inbox.next("queue")} completes with the oldest unclaimed {@code queue} frame,
 * now or when it arrives. Frames the client also handles itself ({@code offer}, {@code msg}, …)
 * land here after that handling, so awaiting one means the client has already reacted to it.
 */
public final class FrameInbox {
  private final boolean keep;
  private final Mailbox<JsonObject> frames;
  private final List<JsonObject> history = new ArrayList<>();

  /**
   * @param keep false to record no history and hand a frame only to a reader already waiting for
   *             it (see {@link ClientOptions#keepFrames()})
   */
  FrameInbox(boolean keep) {
    this.keep = keep;
    this.frames = new Mailbox<>(keep);
  }

  /** Recorded in {@link #history()} at once, before the client reacts to it. */
  void arrived(JsonObject frame) {
    if (!keep) {
      return;
    }
    synchronized (history) {
      history.add(frame);
    }
  }

  /** Handed to waiters, after the client has reacted to it. */
  void put(JsonObject frame) {
    frames.put(frame);
  }

  /** The next unclaimed frame of {@code type}. */
  public Future<JsonObject> next(String type) {
    return next(type, f -> true);
  }

  /** The next unclaimed frame of {@code type} that also matches {@code filter}. */
  public Future<JsonObject> next(String type, Predicate<JsonObject> filter) {
    return frames.next(f -> type.equals(f.getString("type")) && filter.test(f));
  }

  /** The next unclaimed frame matching {@code filter}, whatever its type. */
  public Future<JsonObject> nextMatching(Predicate<JsonObject> filter) {
    return frames.next(filter);
  }

  /** Every frame received so far, claimed or not. */
  public List<JsonObject> history() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  void failWaiters(Throwable cause) {
    frames.failWaiters(cause);
  }
}
