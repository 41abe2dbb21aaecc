package no.lytt.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) through Bouncy Castle: the one memory-hard KDF Lytt uses, for
 * account passwords ({@code no.lytt.accounts.PasswordHasher}) and for the organisation key file.
 *
 * <p>Deliberately slow and blocking: callers on Vert.x run it on a worker thread.
 *
 * @param memoryKiB   memory cost in KiB ({@code m})
 * @param iterations  time cost ({@code t})
 * @param parallelism lanes ({@code p}); Bouncy Castle computes them on one thread, but the value
 *                    is part of the result and of the PHC string
 */
public record Argon2id(int memoryKiB, int iterations, int parallelism) {
  /** RFC 9106 §4, second recommended option: 64 MiB, 3 passes, 4 lanes. */
  public static final Argon2id RFC9106_SECOND = new Argon2id(64 * 1024, 3, 4);
  /** The Argon2 version this class computes (0x13 = 19). */
  public static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;

  public Argon2id {
    if (parallelism < 1 || parallelism > 0xFFFFFF || iterations < 1
        || memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException("argon2id: invalid parameters m=" + memoryKiB + ",t="
          + iterations + ",p=" + parallelism);
    }
  }

  /** Derives {@code length} bytes from {@code password} and {@code salt}. */
  public byte[] derive(byte[] password, byte[] salt, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(VERSION)
        .withSalt(salt)
        .withMemoryAsKB(memoryKiB)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }

  /**
   * A password or passphrase as bytes: Unicode NFC, then UTF-8, so the same typed text gives the
   * same key whichever keyboard or platform composed its accents. The caller zeroes the result.
   */
  public static byte[] passwordBytes(char[] password) {
    String normalized = Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFC);
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(normalized);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }
}
