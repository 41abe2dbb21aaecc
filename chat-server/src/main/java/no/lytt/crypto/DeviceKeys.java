package no.lytt.crypto;

import java.security.SecureRandom;

/**
 * A counsellor device's two key pairs: the Ed25519 identity key that signs chat keys and the X25519
 * encryption key that team-sealed items (callbacks, out-of-hours messages) are sealed to.
 *
 * <p>In production these live as non-extractable WebCrypto keys in the console's browser; this
 * class is their JVM twin for the reference client and tests. Private halves never leave it except
 * through {@link #encryptionKeyPair()}, which the HPKE recipient setup needs.
 */
public final class DeviceKeys {
  private final RawKeyPair identity;
  private final RawKeyPair encryption;

  private DeviceKeys(RawKeyPair identity, RawKeyPair encryption) {
    this.identity = identity;
    this.encryption = encryption;
  }

  public static DeviceKeys generate(SecureRandom random) {
    return new DeviceKeys(Ed25519.generate(random), X25519.generate(random));
  }

  /** Rebuilds a device from its private halves (tests and vectors). */
  public static DeviceKeys fromPrivate(byte[] identitySeed, byte[] encryptionPrivate) {
    return new DeviceKeys(Ed25519.fromSeed(identitySeed), X25519.fromPrivate(encryptionPrivate));
  }

  public byte[] idPub() {
    return identity.publicKey();
  }

  public byte[] encPub() {
    return encryption.publicKey();
  }

  public String deviceId() {
    return DeviceId.of(identity.publicKey(), encryption.publicKey());
  }

  /** 40 lowercase hex digits; see {@link DeviceId#grouped(String)} for display. */
  public String fingerprint() {
    return DeviceId.fingerprint(identity.publicKey(), encryption.publicKey());
  }

  /** Signs with the identity key. */
  public byte[] sign(byte[] message) {
    return Ed25519.sign(identity.privateKey(), message);
  }

  public RawKeyPair encryptionKeyPair() {
    return new RawKeyPair(encryption.publicKey(), encryption.privateKey());
  }

  /** Zeroes both private halves. */
  public void destroy() {
    identity.destroy();
    encryption.destroy();
  }
}
