package no.lytt.protocol;

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
 * Counts per source (an address) that never hold the source itself: only SHA-256(salt || source),
 * where the salt is 32 random bytes that exist in this object alone — never logged, stored or sent
 * — and are replaced, with every count, after {@code lifetime}. So the counts cannot be turned back
 * into addresses without the salt, and nothing links one period to the next. Shared by all event
 * loops, hence the concurrent map.
 */
public final class SaltedCounts {
  private static final int SALT_BYTES = 32;
  private final Duration lifetime;
  private final Clock clock;
  private final SecureRandom random;
  private volatile Generation current;

  /** One period's salt and counts; a caller may keep it to release into the period it counted in. */
  public record Generation(byte[] salt, Instant until, ConcurrentHashMap<ByteBuffer, Integer> counts) {
    public ByteBuffer key(byte[] source) {
      try {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(salt);
        return ByteBuffer.wrap(sha256.digest(source));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
    }
  }

  public SaltedCounts(Duration lifetime, Clock clock, SecureRandom random) {
    this.lifetime = lifetime;
    this.clock = clock;
    this.random = random;
    this.current = fresh(clock.instant());
  }

  /** The current period, starting a new one (and overwriting the old salt) when it has run out. */
  public Generation current() {
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
    return new Generation(salt, now.plus(lifetime), new ConcurrentHashMap<>());
  }
}
