package no.lytt.crypto;

import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), the encoding of every binary value in Lytt's JSON.
 *
 * <p>Decoding is strict: padding, characters outside the URL-safe alphabet, impossible lengths and
 * non-zero trailing bits are refused. Every byte string therefore has exactly one accepted
 * spelling, so identifiers such as {@code deviceId} and {@code chatId} can be compared as strings
 * and the server cannot alias one value under two spellings.
 */
public final class B64u {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  /** Each ASCII character's value in the alphabet, or -1. */
  private static final byte[] SEXTETS = new byte[128];

  static {
    java.util.Arrays.fill(SEXTETS, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      SEXTETS[alphabet.charAt(i)] = (byte) i;
    }
  }

  private B64u() {
  }

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes a canonical base64url string.
   *
   * @throws IllegalArgumentException if the string is not canonical unpadded base64url
   */
  public static byte[] decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("base64url: null");
    }
    // The JDK's decoder refuses characters outside the URL-safe alphabet and impossible lengths,
    // in one fast pass; it accepts padding and ignores non-zero trailing bits, so those two are
    // checked here (padding can only be at the end, or the decoder refuses it).
    int n = text.length();
    byte[] bytes;
    try {
      if (n % 4 == 1 || (n > 0 && text.charAt(n - 1) == '=')) {
        throw new IllegalArgumentException("padded or impossible length");
      }
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("base64url: not canonical unpadded base64url");
    }
    if (!trailingBitsZero(text)) {
      throw new IllegalArgumentException("base64url: not canonical unpadded base64url");
    }
    return bytes;
  }

  /**
   * The number of bytes {@code text} decodes to, or -1 when it is not canonical unpadded
   * base64url. Counted, not decoded: the server checks every message's ciphertext this way and
   * has no use for its bytes.
   */
  public static int decodedLength(String text) {
    int n = text.length();
    if (n % 4 == 1) {
      return -1;
    }
    for (int i = 0; i < n; i++) {
      if (sextet(text.charAt(i)) < 0) {
        return -1;
      }
    }
    if (!trailingBitsZero(text)) {
      return -1;
    }
    return n / 4 * 3 + switch (n % 4) {
      case 2 -> 1;
      case 3 -> 2;
      default -> 0;
    };
  }

  /**
   * The last character of a partial group carries bits beyond the data: 4 of them after two
   * characters, 2 after three. Canonical means they are zero.
   */
  private static boolean trailingBitsZero(String text) {
    int n = text.length();
    int unused = switch (n % 4) {
      case 2 -> 0b1111;
      case 3 -> 0b11;
      default -> 0;
    };
    return unused == 0 || (sextet(text.charAt(n - 1)) & unused) == 0;
  }

  /** The value of one base64url character, or -1 for any other. */
  private static int sextet(char c) {
    return c < SEXTETS.length ? SEXTETS[c] : -1;
  }

  /** Decodes and checks the length, for fixed-size keys, signatures and identifiers. */
  public static byte[] decode(String text, int expectedLength) {
    byte[] bytes = decode(text);
    if (bytes.length != expectedLength) {
      throw new IllegalArgumentException(
          "base64url: expected " + expectedLength + " bytes, got " + bytes.length);
    }
    return bytes;
  }
}
