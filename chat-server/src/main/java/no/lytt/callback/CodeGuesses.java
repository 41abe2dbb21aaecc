package no.lytt.callback;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of visitor codes: each source may look up unknown codes only so often per
 * hour on this node. A code has 120 random bits, so guessing cannot succeed anyway; this keeps a
 * flood of lookups from costing the store and from hiding in plain traffic.
 *
 * <p>As for the per-source socket cap, a source is kept only as SHA-256(salt || source) in memory,
 * with a salt of its own that is replaced, with every count, each hour: nothing here can be turned
 * back into an address without the salt, and nothing links one hour to the next.
 */
public final class CodeGuesses {
  static final Duration WINDOW = Duration.ofHours(1);
  private final int perHour;
  private final Clock clock;
  private final SecureRandom random;
  private volatile Window current;

  private record Window(byte[] salt, Instant until, ConcurrentHashMap<ByteBuffer, Integer> failures) {
  }

  public CodeGuesses(int perHour, Clock clock, SecureRandom random) {
    this.perHour = perHour;
    this.clock = clock;
    this.random = random;
    this.current = fresh(clock.instant());
  }

  /** True while the source has failures left this hour. */
  public boolean allowed(byte[] source) {
    Window w = window();
    return w.failures().getOrDefault(key(w, source), 0) < perHour;
  }

  /** One lookup of a code nobody holds. */
  public void failed(byte[] source) {
    Window w = window();
    w.failures().merge(key(w, source), 1, Integer::sum);
  }

  /** When the current hour's counts are forgotten. */
  public Duration retryAfter() {
    return Duration.between(clock.instant(), window().until());
  }

  private Window window() {
    Window w = current;
    if (clock.instant().isBefore(w.until())) {
      return w;
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

  private Window fresh(Instant now) {
    byte[] salt = new byte[32];
    random.nextBytes(salt);
    return new Window(salt, now.plus(WINDOW), new ConcurrentHashMap<>());
  }

  private static ByteBuffer key(Window w, byte[] source) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(w.salt());
      return ByteBuffer.wrap(sha256.digest(source));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
