package no.lytt.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node relayed while the store could not be reached, for chats whose two sides are both
 * connected here: those keep talking through an outage. The envelopes are written to the store, in
 * order, as soon as it answers again (before anything else touches that chat), followed by the
 * acknowledgements given meanwhile, so resume stays exact-once afterwards.
 *
 * <p>To accept an envelope without the store, the node must know where the sequence stands: it
 * remembers the last sequence number stored for every chat direction it relays. Thread-safe.
 */
public final class HeldEnvelopes {
  private static final long IDLE_MILLIS = 3_600_000;
  private final Map<Key, Track> tracks = new ConcurrentHashMap<>();

  private record Key(String chatId, Direction direction) {
  }

  /** One direction of one chat as this node knows it. */
  private static final class Track {
    private volatile long touched = System.currentTimeMillis();
    private long lastStored;
    private long ackedStored;
    private long acked;
    private final List<Envelope> held = new ArrayList<>();

    long last() {
      return held.isEmpty() ? lastStored : held.get(held.size() - 1).seq();
    }
  }

  private Track track(String chatId, Direction d) {
    Track t = tracks.computeIfAbsent(new Key(chatId, d), k -> new Track());
    t.touched = System.currentTimeMillis();
    return t;
  }

  /**
   * Forgets directions quiet for an hour with nothing held: chats that ended elsewhere. One that
   * comes back is known again from its next stored envelope or resume.
   */
  public void forgetIdle() {
    long nowMillis = System.currentTimeMillis();
    tracks.entrySet().removeIf(e -> {
      Track t = e.getValue();
      synchronized (t) {
        return t.held.isEmpty() && t.acked <= t.ackedStored && nowMillis - t.touched > IDLE_MILLIS;
      }
    });
  }

  /** The store has everything up to {@code seq} in this direction. */
  public void stored(String chatId, Direction d, long seq) {
    Track t = track(chatId, d);
    synchronized (t) {
      t.lastStored = Math.max(t.lastStored, seq);
    }
  }

  /** The store has the acknowledgement up to {@code seq}. */
  public void ackStored(String chatId, Direction d, long seq) {
    Track t = track(chatId, d);
    synchronized (t) {
      t.ackedStored = Math.max(t.ackedStored, seq);
      t.acked = Math.max(t.acked, seq);
    }
  }

  /**
   * Accepts an envelope while the store is away, with the store's own rules (in sequence, within
   * {@code maxUnacked}). Empty when this node does not know where the sequence stands.
   */
  public java.util.Optional<AppendResult> hold(String chatId, Direction d, Envelope e, int maxUnacked) {
    Track t = tracks.get(new Key(chatId, d));
    if (t == null) {
      return java.util.Optional.empty();
    }
    synchronized (t) {
      long last = t.last();
      if (e.seq() <= last) {
        return java.util.Optional.of(AppendResult.DUPLICATE);
      }
      if (e.seq() != last + 1) {
        return java.util.Optional.of(AppendResult.GAP);
      }
      if (last - t.acked >= maxUnacked) {
        return java.util.Optional.of(AppendResult.FULL);
      }
      t.held.add(e);
      return java.util.Optional.of(AppendResult.ACCEPTED);
    }
  }

  /** An acknowledgement while the store is away; false for one of something never received. */
  public boolean ackHeld(String chatId, Direction d, long seq) {
    Track t = tracks.get(new Key(chatId, d));
    if (t == null) {
      return false;
    }
    synchronized (t) {
      if (seq < 0 || seq > t.last()) {
        return false;
      }
      t.acked = Math.max(t.acked, seq);
      return true;
    }
  }

  /** What the store still has to receive for one direction: envelopes in order, then an ack. */
  public record Backlog(List<Envelope> envelopes, long ackUpTo) {
    public boolean isEmpty() {
      return envelopes.isEmpty() && ackUpTo == 0;
    }
  }

  public Backlog backlog(String chatId, Direction d) {
    Track t = tracks.get(new Key(chatId, d));
    if (t == null) {
      return new Backlog(List.of(), 0);
    }
    synchronized (t) {
      return new Backlog(List.copyOf(t.held), t.acked > t.ackedStored ? t.acked : 0);
    }
  }

  /** The store took the backlog up to {@code seq} (and the ack, if any). */
  public void synced(String chatId, Direction d, long seq, long ackUpTo) {
    Track t = tracks.get(new Key(chatId, d));
    if (t == null) {
      return;
    }
    synchronized (t) {
      t.held.removeIf(e -> e.seq() <= seq);
      t.lastStored = Math.max(t.lastStored, seq);
      t.ackedStored = Math.max(t.ackedStored, ackUpTo);
    }
  }

  /** Chats with something the store has not seen yet. */
  public List<String> chatsWithBacklog() {
    List<String> out = new ArrayList<>();
    tracks.forEach((k, t) -> {
      synchronized (t) {
        if (!t.held.isEmpty() || t.acked > t.ackedStored) {
          out.add(k.chatId());
        }
      }
    });
    return out.stream().distinct().toList();
  }

  public void forget(String chatId) {
    tracks.keySet().removeIf(k -> k.chatId().equals(chatId));
  }
}
