package no.lytt.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The organisation's Ed25519 key: the trust root that certifies counsellor devices
 * (docs/crypto.md, "Trust root").
 *
 * <p>In production only the public half is configured on servers ({@code org.public-key}); the
 * private half lives in a passphrase-protected key file on an administrator's machine
 * ({@link OrgKeyFile} documents the format). In development mode the server makes a key at first
 * start and saves it with the well-known passphrase {@link #DEVELOPMENT_PASSPHRASE}: an empty or
 * missing passphrase is never accepted, so a key file is never plaintext on disk, and a development
 * key is recognisably a development key.
 */
public final class OrgKey {
  /** The fixed passphrase of development key files. It protects nothing; it marks them. */
  public static final String DEVELOPMENT_PASSPHRASE = "development";

  private final RawKeyPair keys;

  private OrgKey(RawKeyPair keys) {
    this.keys = keys;
  }

  public static OrgKey generate(SecureRandom random) {
    return new OrgKey(Ed25519.generate(random));
  }

  /** The key of a 32-byte Ed25519 seed (tests and vectors). */
  public static OrgKey fromSeed(byte[] seed) {
    return new OrgKey(Ed25519.fromSeed(seed));
  }

  /** The 32-byte public key: {@code org.public-key} and the pages' {@code lytt-org-key} meta. */
  public byte[] publicKey() {
    return keys.publicKey();
  }

  public String publicKeyB64u() {
    return B64u.encode(keys.publicKey());
  }

  /**
   * Certifies a device. Refuses a {@code deviceId} that is not the hash of the two keys and an
   * empty validity window: both would make a certificate nobody can use.
   */
  public DeviceCertificate certify(String deviceId, byte[] idPub, byte[] encPub, long notBefore,
                                   long notAfter, String displayName) {
    if (!deviceId.equals(DeviceId.of(idPub, encPub))) {
      throw new IllegalArgumentException("deviceId does not match the device's keys");
    }
    if (notBefore < 0 || notAfter <= notBefore) {
      throw new IllegalArgumentException("empty validity window");
    }
    byte[] toSign = DeviceCertificate.bytesToSign(deviceId, idPub, encPub, notBefore, notAfter,
        displayName);
    byte[] sig = Ed25519.sign(keys.privateKey(), toSign);
    return new DeviceCertificate(DeviceCertificate.VERSION, deviceId, idPub, encPub, notBefore,
        notAfter, displayName, sig);
  }

  /** Saves with {@link Argon2id#RFC9106_SECOND} as the KDF cost. */
  public void save(Path file, char[] passphrase, SecureRandom random) throws IOException {
    save(file, passphrase, random, Argon2id.RFC9106_SECOND);
  }

  /**
   * Writes a new key file, readable by its owner only where the file system has POSIX
   * permissions. Never overwrites: losing an organisation key invalidates every certificate.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   * @throws IllegalArgumentException                 if the passphrase is empty
   */
  public void save(Path file, char[] passphrase, SecureRandom random, Argon2id kdf)
      throws IOException {
    OrgKeyFile.write(file, OrgKeyFile.seal(keys, passphrase, random, kdf));
  }

  /**
   * Reads a key file.
   *
   * @throws CryptoException {@link CryptoException.Reason#BAD_PASSPHRASE} for a wrong passphrase or
   *                         a tampered file, {@link CryptoException.Reason#MALFORMED} for a file
   *                         that is not a Lytt organisation key file
   */
  public static OrgKey load(Path file, char[] passphrase) throws IOException {
    return new OrgKey(OrgKeyFile.open(OrgKeyFile.read(file), passphrase));
  }

  /** Zeroes the private key. */
  public void destroy() {
    keys.destroy();
  }
}
