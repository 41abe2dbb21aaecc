package no.lytt.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random identifiers and tokens, and the one-way hash under which secrets are stored. A resume token
 * or session id is shown once to its owner and kept by the server only as SHA-256: a store dump does
 * not let anyone resume a chat or take over a console.
 */
public final class Ids {
  private final SecureRandom random;

  public Ids(SecureRandom random) {
    this.random = random;
  }

  /** {@code bytes} random bytes as base64url; 16 bytes = 128 bits, above the 100-bit floor for tokens. */
  public String random(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String hash(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
