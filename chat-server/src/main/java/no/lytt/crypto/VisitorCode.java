package no.lytt.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The code a visitor gets for a callback or a ticket (docs/crypto.md, "Visitor code"): 120 random
 * bits made in the visitor's page, written as 24 Crockford base32 characters in groups of four.
 *
 * <p>The code itself never leaves the page. Two values are derived from it with HKDF-SHA256: the
 * {@link #lookup()} the page sends to find its item (the server keeps only its SHA-256), and the
 * seed of the {@link #replyKeyPair()} a counsellor's reply is sealed to. Whoever holds only the
 * lookup (the server, a log, a store dump) can neither derive the code nor open a reply.
 */
public final class VisitorCode {
  public static final int BYTES = 15;
  public static final int CHARS = 24;
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private final byte[] bytes;

  private VisitorCode(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static VisitorCode random(SecureRandom random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new VisitorCode(b);
  }

  /**
   * Reads a code as a person might type it: case, spaces and dashes do not matter, and the letters
   * O, I and L are read as the digits they look like.
   *
   * @throws CryptoException {@code BAD_KEY} when it is not 24 base32 characters
   */
  public static VisitorCode parse(String text) {
    String clean = text.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "")
        .replace('O', '0').replace('I', '1').replace('L', '1');
    if (clean.length() != CHARS) {
      throw new CryptoException(CryptoException.Reason.BAD_KEY, "a code has 24 characters");
    }
    byte[] out = new byte[BYTES];
    long buffer = 0;
    int bits = 0;
    int at = 0;
    for (char c : clean.toCharArray()) {
      int v = ALPHABET.indexOf(c);
      if (v < 0) {
        throw new CryptoException(CryptoException.Reason.BAD_KEY, "not a code character");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[at++] = (byte) (buffer >>> bits);
      }
    }
    return new VisitorCode(out);
  }

  /** The code grouped for reading aloud and copying: {@code "7KQ2 M9XD …"}. */
  public String text() {
    StringBuilder s = new StringBuilder();
    long buffer = 0;
    int bits = 0;
    int written = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        if (written > 0 && written % 4 == 0) {
          s.append(' ');
        }
        s.append(ALPHABET.charAt((int) (buffer >>> bits) & 31));
        written++;
      }
    }
    return s.toString();
  }

  /** What the page sends to find its item: base64url of HKDF(code, "lytt/code/v1 lookup", 32). */
  public String lookup() {
    return B64u.encode(hkdf(Labels.CODE_LOOKUP));
  }

  /** The key pair replies are sealed to: DeriveKeyPair(HKDF(code, "lytt/code/v1 reply", 32)). */
  public RawKeyPair replyKeyPair() {
    byte[] seed = hkdf(Labels.CODE_REPLY);
    try {
      return Hpke.deriveKeyPair(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  private byte[] hkdf(String label) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(bytes, null, Labels.utf8(label)));
    byte[] out = new byte[32];
    hkdf.generateBytes(out, 0, out.length);
    return out;
  }

  @Override
  public String toString() {
    return "VisitorCode[…]";
  }
}
