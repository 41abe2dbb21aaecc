package no.lytt.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag appended to the ciphertext, as WebCrypto does.
 *
 * <p>Bouncy Castle's lightweight GCM is used rather than the JCA cipher so every primitive comes
 * from one library, and because the JCA cipher's nonce-reuse guard is per instance anyway: nonce
 * uniqueness is guaranteed by the callers' (direction, sequence) and random-nonce constructions.
 */
final class AesGcm {
  static final int TAG_BYTES = 16;
  static final int NONCE_BYTES = 12;

  private AesGcm() {
  }

  static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    try {
      return process(true, key, nonce, aad, plaintext);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("AES-GCM refused to seal", e);
    }
  }

  /** Opens or throws a {@link CryptoException} with {@code onFailure} as its reason. */
  static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext,
                     CryptoException.Reason onFailure) {
    if (ciphertext.length < TAG_BYTES) {
      throw new CryptoException(onFailure, "ciphertext shorter than its tag");
    }
    try {
      return process(false, key, nonce, aad, ciphertext);
    } catch (InvalidCipherTextException e) {
      throw new CryptoException(onFailure, "authentication failed");
    }
  }

  private static byte[] process(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in)
      throws InvalidCipherTextException {
    if (key.length != 32 || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key and a 12-byte nonce");
    }
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
    byte[] out = new byte[gcm.getOutputSize(in.length)];
    int n = gcm.processBytes(in, 0, in.length, out, 0);
    n += gcm.doFinal(out, n);
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
