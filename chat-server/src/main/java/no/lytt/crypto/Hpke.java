package no.lytt.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;

/**
 * HPKE (RFC 9180) base mode for Lytt's single suite: DHKEM(X25519, HKDF-SHA256) {@code 0x0020},
 * HKDF-SHA256 {@code 0x0001}, AES-256-GCM {@code 0x0002}.
 *
 * <p>A thin wrapper over Bouncy Castle's {@link HPKE} that takes and gives raw 32-byte keys and
 * turns every setup failure into {@link CryptoException.Reason#BAD_KEY}. Low-order keys: RFC 9180
 * §7.1.4 requires aborting when the X25519 shared secret is all zeroes. Bouncy Castle 1.87 does
 * this in {@code X25519PrivateKeyParameters.generateSecret} ("X25519 agreement failed"), on both
 * the sender's and the recipient's side; {@code HpkeTest} pins it for every small-order point so a
 * regression in a later Bouncy Castle shows up as a failing test rather than a silent weakness.
 *
 * <p>A new {@link HPKE} is made per call: its KEM keeps per-call agreement state, so sharing one
 * across threads would be unsafe, and making one is cheap next to the X25519 work.
 */
public final class Hpke {
  public static final short KEM_ID = HPKE.kem_X25519_SHA256;
  public static final short KDF_ID = HPKE.kdf_HKDF_SHA256;
  public static final short AEAD_ID = HPKE.aead_AES_GCM256;
  /** Size of {@code enc}, the encapsulated key (an X25519 public key). */
  public static final int ENC_BYTES = 32;

  private Hpke() {
  }

  /** What {@code SetupBaseS} gives the sender: {@code enc} for the recipient and the context. */
  public record Sender(byte[] enc, Context context) {
    public Sender {
      enc = enc.clone();
    }

    @Override
    public byte[] enc() {
      return enc.clone();
    }
  }

  /** {@code SetupBaseS(pkR, info)} with a fresh ephemeral key from a new {@link SecureRandom}. */
  public static Sender setupBaseS(byte[] pkR, byte[] info) {
    return setupBaseS(pkR, info, new SecureRandom());
  }

  /** {@code SetupBaseS(pkR, info)} with a fresh ephemeral key from {@code random}. */
  public static Sender setupBaseS(byte[] pkR, byte[] info, SecureRandom random) {
    RawKeyPair ephemeral = X25519.generate(random);
    try {
      return setupBaseS(pkR, info, ephemeral);
    } finally {
      ephemeral.destroy();
    }
  }

  /**
   * {@code SetupBaseS} with a given ephemeral key pair. Only test vectors should fix the ephemeral
   * key; reusing one across chats would reuse key schedules.
   */
  public static Sender setupBaseS(byte[] pkR, byte[] info, RawKeyPair ephemeral) {
    checkKey(pkR, "recipient public key");
    HPKE hpke = suite();
    try {
      AsymmetricCipherKeyPair kpE =
          hpke.deserializePrivateKey(ephemeral.privateKey(), ephemeral.publicKey());
      HPKEContextWithEncapsulation ctx = hpke.setupBaseS(hpke.deserializePublicKey(pkR), info, kpE);
      return new Sender(ctx.getEncapsulation(), new Context(ctx));
    } catch (RuntimeException e) {
      throw new CryptoException(CryptoException.Reason.BAD_KEY, "HPKE setup refused the key", e);
    }
  }

  /** {@code SetupBaseR(enc, skR, info)}. */
  public static Context setupBaseR(byte[] enc, RawKeyPair recipient, byte[] info) {
    checkKey(enc, "enc");
    HPKE hpke = suite();
    try {
      AsymmetricCipherKeyPair kpR =
          hpke.deserializePrivateKey(recipient.privateKey(), recipient.publicKey());
      return new Context(hpke.setupBaseR(enc, kpR, info));
    } catch (RuntimeException e) {
      throw new CryptoException(CryptoException.Reason.BAD_KEY, "HPKE setup refused the key", e);
    }
  }

  /**
   * {@code DeriveKeyPair(ikm)} of the KEM (RFC 9180 §7.1.3): a deterministic key from a secret.
   * The private half comes back clamped (RFC 7748 {@code decodeScalar25519}), as Bouncy Castle
   * encodes it; X25519 clamps before use, so it is the same key as RFC 9180's unclamped
   * {@code sk}, and the public half is identical.
   */
  public static RawKeyPair deriveKeyPair(byte[] ikm) {
    HPKE hpke = suite();
    AsymmetricCipherKeyPair kp = hpke.deriveKeyPair(ikm);
    return new RawKeyPair(hpke.serializePublicKey(kp.getPublic()),
        hpke.serializePrivateKey(kp.getPrivate()));
  }

  private static HPKE suite() {
    return new HPKE(HPKE.mode_base, KEM_ID, KDF_ID, AEAD_ID);
  }

  private static void checkKey(byte[] key, String what) {
    if (key == null || key.length != X25519.KEY_BYTES) {
      throw new CryptoException(CryptoException.Reason.BAD_KEY, what + " must be 32 bytes");
    }
  }

  /**
   * An HPKE encryption context. Lytt only exports from it (the chat keys); seal and open exist for
   * the RFC 9180 vectors and for sealing to the team. Not thread-safe: its sequence number moves.
   */
  public static final class Context {
    private final HPKEContext ctx;

    private Context(HPKEContext ctx) {
      this.ctx = ctx;
    }

    /** {@code Export(exporter_context, L)}. */
    public byte[] export(byte[] exporterContext, int length) {
      return ctx.export(exporterContext, length);
    }

    /** {@code ContextS.Seal(aad, pt)}: AES-256-GCM under the next nonce of the key schedule. */
    public byte[] seal(byte[] aad, byte[] plaintext) {
      try {
        return ctx.seal(aad, plaintext);
      } catch (InvalidCipherTextException e) {
        throw new IllegalStateException("AES-GCM refused to seal", e);
      }
    }

    /** {@code ContextR.Open(aad, ct)}. */
    public byte[] open(byte[] aad, byte[] ciphertext) {
      try {
        return ctx.open(aad, ciphertext);
      } catch (InvalidCipherTextException | RuntimeException e) {
        throw new CryptoException(CryptoException.Reason.BAD_TAG, "HPKE open failed", e);
      }
    }
  }
}
