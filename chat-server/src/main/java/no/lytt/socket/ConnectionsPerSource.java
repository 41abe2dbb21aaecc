package no.lytt.socket;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import no.lytt.protocol.SaltedCounts;

/**
 * How many WebSockets each source holds open on this node, so that one source cannot take every
 * socket the node can carry. Shared by all event loops, hence the concurrent map.
 *
 * <p>A source is never kept as an address: only its salted hash in {@link SaltedCounts}, with the
 * salt replaced, with every count, once a day. Sockets admitted before a renewal are no longer
 * counted after it (their release goes to the discarded counts): a source can briefly hold up to
 * twice its cap once a day, which is the price of not carrying an address-derived key across days.
 */
public final class ConnectionsPerSource {
  /** How long one salt, and the counts made with it, live. */
  public static final Duration SALT_LIFETIME = Duration.ofDays(1);
  private final int cap;
  private final SaltedCounts counts;

  /** One admitted connection's place; {@link #release()} frees it, once however often it is called. */
  @FunctionalInterface
  public interface Lease {
    void release();
  }

  public ConnectionsPerSource(int cap, Clock clock, SecureRandom random) {
    this.cap = cap;
    this.counts = new SaltedCounts(SALT_LIFETIME, clock, random);
  }

  /**
   * Takes a place for one more connection from {@code source} (the bytes that identify it, see
   * {@code ClientAddresses}), or empty when the source already holds {@code cap}.
   */
  public Optional<Lease> admit(byte[] source) {
    SaltedCounts.Generation g = counts.current();
    ByteBuffer key = g.key(source);
    AtomicBoolean admitted = new AtomicBoolean();
    g.counts().compute(key, (k, n) -> {
      int held = n == null ? 0 : n;
      if (held >= cap) {
        return n;
      }
      admitted.set(true);
      return held + 1;
    });
    if (!admitted.get()) {
      return Optional.empty();
    }
    AtomicBoolean released = new AtomicBoolean();
    return Optional.of(() -> {
      if (released.compareAndSet(false, true)) {
        g.counts().computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
      }
    });
  }

  /** Sources with at least one counted connection; for tests and metrics, never their identity. */
  public int sources() {
    return counts.current().counts().size();
  }
}
