package no.lytt.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * X25519 key pairs on raw 32-byte keys: device encryption keys and per-chat keys.
 *
 * <p>The shared-secret computation itself lives inside HPKE ({@link Hpke}); this class only makes
 * and reconstructs key pairs.
 */
public final class X25519 {
  public static final int KEY_BYTES = 32;

  private X25519() {
  }

  public static RawKeyPair generate(SecureRandom random) {
    X25519PrivateKeyParameters priv = new X25519PrivateKeyParameters(random);
    return new RawKeyPair(priv.generatePublicKey().getEncoded(), priv.getEncoded());
  }

  /** The key pair of a raw 32-byte private scalar (clamping happens inside X25519). */
  public static RawKeyPair fromPrivate(byte[] privateKey) {
    if (privateKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("X25519 private key must be 32 bytes");
    }
    X25519PrivateKeyParameters priv = new X25519PrivateKeyParameters(privateKey, 0);
    return new RawKeyPair(priv.generatePublicKey().getEncoded(), privateKey);
  }
}
