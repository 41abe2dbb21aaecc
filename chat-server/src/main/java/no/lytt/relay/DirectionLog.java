package no.lytt.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The server's record of one direction of one chat: the highest sequence number received from the
 * sender, the highest acknowledged by the receiver, and the envelopes in between. This is what makes
 * resume exact-once: the sender re-sends everything above {@link #lastReceived()}, the server
 * re-sends everything above what the receiver says it has, and duplicates are dropped by number.
 *
 * <p>Not thread-safe; the owning store serialises access.
 */
public final class DirectionLog {
  private final Deque<Envelope> unacked = new ArrayDeque<>();
  private long lastReceived;
  private long lastAcked;

  public AppendResult append(Envelope envelope, int maxUnacked) {
    if (envelope.seq() <= lastReceived) {
      return AppendResult.DUPLICATE;
    }
    if (envelope.seq() != lastReceived + 1) {
      return AppendResult.GAP;
    }
    if (unacked.size() >= maxUnacked) {
      return AppendResult.FULL;
    }
    unacked.addLast(envelope);
    lastReceived = envelope.seq();
    return AppendResult.ACCEPTED;
  }

  /**
   * Cumulative acknowledgement by the receiver. Returns false for an acknowledgement of something
   * never received (a confused or hostile client), which changes nothing.
   */
  public boolean ack(long seq) {
    if (seq > lastReceived || seq < 0) {
      return false;
    }
    if (seq > lastAcked) {
      lastAcked = seq;
      while (!unacked.isEmpty() && unacked.peekFirst().seq() <= seq) {
        unacked.removeFirst();
      }
    }
    return true;
  }

  /** Envelopes the receiver has not seen, given the highest sequence number it says it has. */
  public List<Envelope> after(long seq) {
    List<Envelope> result = new ArrayList<>();
    for (Envelope e : unacked) {
      if (e.seq() > seq) {
        result.add(e);
      }
    }
    return result;
  }

  public long lastReceived() {
    return lastReceived;
  }

  public long lastAcked() {
    return lastAcked;
  }

  public int unackedCount() {
    return unacked.size();
  }
}
