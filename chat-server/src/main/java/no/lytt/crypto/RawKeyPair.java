package no.lytt.crypto;

import java.util.Arrays;

/**
 * A key pair as the raw 32-byte encodings the protocol and the browser use (Ed25519 seed and public
 * key, or X25519 scalar and public key).
 *
 * <p>Arrays are copied in and out, so no caller can change a key under another's feet;
 * {@link #destroy()} zeroes the private half when its owner is done (chat end, file saved).
 */
public final class RawKeyPair {
  private final byte[] publicKey;
  private final byte[] privateKey;

  public RawKeyPair(byte[] publicKey, byte[] privateKey) {
    if (publicKey.length != 32 || privateKey.length != 32) {
      throw new IllegalArgumentException("raw keys are 32 bytes");
    }
    this.publicKey = publicKey.clone();
    this.privateKey = privateKey.clone();
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] privateKey() {
    return privateKey.clone();
  }

  /** Zeroes the private half; the public half stays usable. */
  public void destroy() {
    Arrays.fill(privateKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "RawKeyPair[public=" + B64u.encode(publicKey) + "]";
  }
}
