package no.lytt.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 (RFC 8032, pure) on raw keys: the organisation key and device identity keys.
 *
 * <p>The private key is the 32-byte seed, as WebCrypto's JWK {@code d} and RFC 8032 define it.
 * Signing is deterministic, which is what lets {@code docs/vectors/lytt-v1.json} pin signatures.
 * {@link #verify} answers {@code false} for any malformed input instead of throwing: a hostile
 * peer chooses these bytes, and a verifier must have exactly one way to say no.
 */
public final class Ed25519 {
  public static final int KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;

  private Ed25519() {
  }

  public static RawKeyPair generate(SecureRandom random) {
    byte[] seed = new byte[KEY_BYTES];
    random.nextBytes(seed);
    return fromSeed(seed);
  }

  /** The key pair of a 32-byte seed (RFC 8032 private key). */
  public static RawKeyPair fromSeed(byte[] seed) {
    if (seed.length != KEY_BYTES) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
    }
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed, 0);
    return new RawKeyPair(priv.generatePublicKey().getEncoded(), seed);
  }

  public static byte[] sign(byte[] seed, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** True only for a well-formed signature by {@code publicKey} over exactly {@code message}. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null || message == null || signature == null
        || publicKey.length != KEY_BYTES || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (RuntimeException invalidPoint) {
      return false;
    }
  }
}
