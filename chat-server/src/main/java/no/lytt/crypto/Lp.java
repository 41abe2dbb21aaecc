package no.lytt.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the byte strings that Lytt signs or authenticates: concatenations of {@code lp(x) =
 * u16(len(x)) || x} fields (docs/crypto.md, "Encodings").
 *
 * <p>Every field is length-prefixed, so two different field lists can never produce the same bytes
 * (no ambiguity between, say, a display name and the field after it). Strings are UTF-8; integers
 * are unsigned big-endian. Use {@link #field(byte[])} for a field and {@link #u64(long)} etc. for
 * the raw integer encodings that also appear outside {@code lp} (the AES-GCM nonce).
 */
public final class Lp {
  /** Largest field {@code lp} can carry: its length prefix is 16 bits. */
  public static final int MAX_FIELD = 0xFFFF;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Appends {@code lp(field)}. */
  public Lp field(byte[] field) {
    out.writeBytes(lp(field));
    return this;
  }

  /** Appends {@code lp(utf8(text))}. */
  public Lp utf8(String text) {
    return field(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends {@code lp(u32(n))}. */
  public Lp u32Field(long n) {
    return field(u32(n));
  }

  /** Appends {@code lp(u64(n))}. */
  public Lp u64Field(long n) {
    return field(u64(n));
  }

  /** The concatenation built so far. */
  public byte[] toBytes() {
    return out.toByteArray();
  }

  /** {@code u16(len(x)) || x}. */
  public static byte[] lp(byte[] field) {
    if (field.length > MAX_FIELD) {
      throw new IllegalArgumentException("lp: field of " + field.length + " bytes is too long");
    }
    byte[] result = new byte[2 + field.length];
    System.arraycopy(u16(field.length), 0, result, 0, 2);
    System.arraycopy(field, 0, result, 2, field.length);
    return result;
  }

  public static byte[] u16(int n) {
    if (n < 0 || n > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + n);
    }
    return new byte[] {(byte) (n >>> 8), (byte) n};
  }

  public static byte[] u32(long n) {
    if (n < 0 || n > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range: " + n);
    }
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  /** Unsigned 64-bit; Lytt's values (Unix seconds, sequence numbers) are never negative. */
  public static byte[] u64(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("u64 out of range: " + n);
    }
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) n;
      n >>>= 8;
    }
    return b;
  }

  /** Reads a big-endian unsigned 32-bit integer. */
  static long readU32(byte[] b, int offset) {
    return ((b[offset] & 0xFFL) << 24) | ((b[offset + 1] & 0xFFL) << 16)
        | ((b[offset + 2] & 0xFFL) << 8) | (b[offset + 3] & 0xFFL);
  }
}
