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
    if (decodedLength(text) < 0) {
      throw new IllegalArgumentException("base64url: not canonical unpadded base64url");
    }
    return DECODER.decode(text);
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
    // The last character of a partial group carries bits beyond the data: 4 of them after two
    // characters, 2 after three. Canonical means they are zero.
    int unused = switch (n % 4) {
      case 2 -> 0b1111;
      case 3 -> 0b11;
      default -> 0;
    };
    if (unused != 0 && (sextet(text.charAt(n - 1)) & unused) != 0) {
      return -1;
    }
    return n / 4 * 3 + switch (n % 4) {
      case 2 -> 1;
      case 3 -> 2;
      default -> 0;
    };
  }

  /** The value of one base64url character, or -1 for any other. */
  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
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
