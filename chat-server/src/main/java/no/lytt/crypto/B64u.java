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
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        throw new IllegalArgumentException("base64url: invalid character at " + i);
      }
    }
    if (text.length() % 4 == 1) {
      throw new IllegalArgumentException("base64url: impossible length " + text.length());
    }
    // The last character of a partial group carries bits beyond the data: 4 of them after two
    // characters, 2 after three. Canonical means they are zero.
    int unused = switch (text.length() % 4) {
      case 2 -> 0b1111;
      case 3 -> 0b11;
      default -> 0;
    };
    if (unused != 0 && (sextet(text.charAt(text.length() - 1)) & unused) != 0) {
      throw new IllegalArgumentException("base64url: non-canonical trailing bits");
    }
    return DECODER.decode(text);
  }

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
    return c == '-' ? 62 : 63;
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
