package no.lytt.socket;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many WebSockets each source holds open on this node, so that one source cannot take every
 * socket the node can carry. Shared by all event loops, hence the concurrent map.
 *
 * <p>A source is never kept as an address: only SHA-256(salt || source), where the salt is 32
 * random bytes that exist in this object alone — never logged, stored or sent — and are replaced,
 * with every count, once a day. So the map cannot be turned back into addresses without the salt,
 * and nothing links one day's counts to the next. Sockets admitted before a renewal are no longer
 * counted after it (their release goes to the discarded counts): a source can briefly hold up to
 * twice its cap once a day, which is the price of not carrying an address-derived key across days.
 */
public final class ConnectionsPerSource {
  /** How long one salt, and the counts made with it, live. */
  public static final Duration SALT_LIFETIME = Duration.ofDays(1);
  private static final int SALT_BYTES = 32;
  private final int cap;
  private final Clock clock;
  private final SecureRandom random;
  private volatile Generation current;

  /** One admitted connection's place; {@link #release()} frees it, once however often it is called. */
  @FunctionalInterface
  public interface Lease {
    void release();
  }

  private record Generation(byte[] salt, Instant until, ConcurrentHashMap<ByteBuffer, Integer> counts) {
  }

  public ConnectionsPerSource(int cap, Clock clock, SecureRandom random) {
    this.cap = cap;
    this.clock = clock;
    this.random = random;
    this.current = fresh(clock.instant());
  }

  /**
   * Takes a place for one more connection from {@code source} (the bytes that identify it, see
   * {@code ClientAddresses}), or empty when the source already holds {@code cap}.
   */
  public Optional<Lease> admit(byte[] source) {
    Generation g = generation();
    ByteBuffer key = ByteBuffer.wrap(hash(g.salt(), source));
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
    return generation().counts().size();
  }

  private Generation generation() {
    Generation g = current;
    if (clock.instant().isBefore(g.until())) {
      return g;
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (!now.isBefore(current.until())) {
        Arrays.fill(current.salt(), (byte) 0);
        current = fresh(now);
      }
      return current;
    }
  }

  private Generation fresh(Instant now) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new Generation(salt, now.plus(SALT_LIFETIME), new ConcurrentHashMap<>());
  }

  private static byte[] hash(byte[] salt, byte[] source) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(source);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
