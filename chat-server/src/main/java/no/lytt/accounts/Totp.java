package no.lytt.accounts;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second factor
 * every authenticator app reads from an {@code otpauth://} link. A code is accepted one step
 * either side of now, for clocks a little off, and never twice: the caller keeps the last step
 * used and passes it back, so a code seen over a shoulder is worth nothing once used.
 */
public final class Totp {
  static final int DIGITS = 6;
  private static final long STEP_SECONDS = 30;
  private static final int SECRET_BYTES = 20;

  private Totp() {
  }

  /** A new shared secret, base32 as authenticator apps take it. */
  public static String newSecret(SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return Base32.toBase32String(secret);
  }

  /** The link an authenticator app enrols from (shown once, as text and as a QR code). */
  public static String enrolmentUri(String issuer, String username, String secret) {
    String label = encode(issuer) + ":" + encode(username);
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  /**
   * The step whose code {@code code} is, if it is a valid code for now and later than
   * {@code lastUsedStep}; empty otherwise (wrong, too old, malformed, or already used).
   */
  public static OptionalLong verify(String secret, String code, Instant now, long lastUsedStep) {
    if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    byte[] key = Base32.decode(secret);
    long current = now.getEpochSecond() / STEP_SECONDS;
    OptionalLong match = OptionalLong.empty();
    // Every candidate is computed and compared in constant time, so the answer takes as long
    // whichever step (if any) matched.
    for (long step = current - 1; step <= current + 1; step++) {
      boolean equal = MessageDigest.isEqual(code(key, step, DIGITS).getBytes(), code.getBytes());
      if (equal && step > lastUsedStep && match.isEmpty()) {
        match = OptionalLong.of(step);
      }
    }
    return match;
  }

  /** The code for one time step: RFC 4226 dynamic truncation of HMAC-SHA1(key, step). */
  static String code(byte[] key, long step, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
          | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
      int modulus = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static long step(Instant t) {
    return t.getEpochSecond() / STEP_SECONDS;
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
