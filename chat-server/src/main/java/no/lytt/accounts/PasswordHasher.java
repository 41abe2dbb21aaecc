package no.lytt.accounts;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.lytt.crypto.Argon2id;

/**
 * Account passwords as Argon2id PHC strings: {@code $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>}
 * (salt and hash in unpadded standard base64, as the PHC string format and the reference
 * {@code argon2} tool write them, so hashes can be checked or made with that tool too).
 *
 * <p>Blocking and deliberately slow: callers run it on a worker thread. {@link #verify} compares in
 * constant time and answers {@code false}, never throws, for a malformed stored string, and refuses
 * to honour absurd stored parameters, so a corrupted or planted account record cannot be used to
 * exhaust memory. {@link #needsRehash} tells the login path when to re-hash with the current
 * parameters after a successful login. Passwords are NFC-normalised before hashing so that the
 * same typed password matches whichever keyboard composed its accents.
 */
public final class PasswordHasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int MAX_MEMORY_KIB = 1024 * 1024;
  private static final int MAX_ITERATIONS = 100;
  private static final int MAX_PARALLELISM = 64;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})"
          + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");

  private final Argon2id params;
  private final SecureRandom random;

  /**
   * @param memoryKiB   Argon2 memory cost in KiB (RFC 9106 second option: 65536)
   * @param iterations  time cost (RFC 9106 second option: 3)
   * @param parallelism lanes (RFC 9106 second option: 4)
   */
  public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
    this(memoryKiB, iterations, parallelism, new SecureRandom());
  }

  public PasswordHasher(int memoryKiB, int iterations, int parallelism, SecureRandom random) {
    this.params = new Argon2id(memoryKiB, iterations, parallelism);
    this.random = random;
  }

  /** Hashes with a fresh random salt. The caller may zero {@code password} afterwards. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(params, password, salt, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=" + Argon2id.VERSION + "$m=" + params.memoryKiB() + ",t="
        + params.iterations() + ",p=" + params.parallelism() + "$" + b64.encodeToString(salt)
        + "$" + b64.encodeToString(hash);
  }

  /** True if {@code password} matches {@code encoded}; false for a mismatch or a malformed hash. */
  public boolean verify(char[] password, String encoded) {
    Parsed p = parse(encoded);
    if (p == null) {
      return false;
    }
    byte[] actual = derive(p.params, password, p.salt, p.hash.length);
    boolean same = MessageDigest.isEqual(actual, p.hash);
    Arrays.fill(actual, (byte) 0);
    return same;
  }

  /** True if {@code encoded} is unreadable or was made with other parameters than this hasher's. */
  public boolean needsRehash(String encoded) {
    Parsed p = parse(encoded);
    return p == null || !p.params.equals(params) || p.salt.length != SALT_BYTES
        || p.hash.length != HASH_BYTES;
  }

  private static byte[] derive(Argon2id params, char[] password, byte[] salt, int length) {
    byte[] pw = Argon2id.passwordBytes(password);
    try {
      return params.derive(pw, salt, length);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  private record Parsed(Argon2id params, byte[] salt, byte[] hash) {
  }

  private static Parsed parse(String encoded) {
    if (encoded == null) {
      return null;
    }
    Matcher m = PHC.matcher(encoded);
    if (!m.matches() || Integer.parseInt(m.group(1)) != Argon2id.VERSION) {
      return null;
    }
    int memory = Integer.parseInt(m.group(2));
    int iterations = Integer.parseInt(m.group(3));
    int parallelism = Integer.parseInt(m.group(4));
    if (memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || parallelism > MAX_PARALLELISM) {
      return null;
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new Parsed(new Argon2id(memory, iterations, parallelism), b64.decode(m.group(5)),
          b64.decode(m.group(6)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
