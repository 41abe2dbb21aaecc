package no.lytt.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag appended to the ciphertext, as WebCrypto does.
 *
 * <p>The JDK's cipher, not Bouncy Castle's lightweight GCM: the JDK's runs on the processor's AES
 * and carry-less multiply instructions, while Bouncy Castle's table-driven GCM rebuilds its tables
 * for every message — the reference client's main cost when one process drives a thousand chats.
 * A fresh instance per call, so the JDK's guard against reusing a nonce on one instance never
 * applies; nonce uniqueness comes from the callers' (direction, sequence) and random-nonce
 * constructions.
 */
final class AesGcm {
  static final int TAG_BYTES = 16;
  static final int NONCE_BYTES = 12;

  private AesGcm() {
  }

  static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    try {
      return cipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
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
      return cipher(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new CryptoException(onFailure, "authentication failed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused to open", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
    if (key.length != 32 || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key and a 12-byte nonce");
    }
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
    gcm.updateAAD(aad);
    return gcm;
  }
}
