package no.lytt.crypto;

import java.util.Locale;

/**
 * The safety code both sides of a chat may compare out of band: {@code u32(safety) mod 1000000},
 * six digits zero-padded and written {@code "123 456"}. A server that ran two separate handshakes
 * (a machine in the middle) would make the two codes differ.
 */
final class SafetyCode {
  private SafetyCode() {
  }

  static String format(byte[] safety) {
    if (safety.length != 4) {
      throw new IllegalArgumentException("safety export is 4 bytes");
    }
    long n = Lp.readU32(safety, 0) % 1_000_000L;
    String digits = String.format(Locale.ROOT, "%06d", n);
    return digits.substring(0, 3) + " " + digits.substring(3);
  }
}
