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
 * Nonce uniqueness comes from the callers' (direction, sequence) and random-nonce constructions.
 *
 * <p>One-off uses (the key file) take a fresh JDK cipher per call. A chat's messages go through a
 * {@link Keyed} cipher kept for the chat's key: creating the JDK's cipher and expanding the AES key
 * cost three times the sealing of a message, and a kept cipher expands its key once.
 */
final class AesGcm {
  static final int TAG_BYTES = 16;
  static final int NONCE_BYTES = 12;

  private AesGcm() {
  }

  /** Seals once under {@code key}, with a cipher of its own. */
  static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    return new Keyed(key).seal(nonce, aad, plaintext);
  }

  /** Opens once under {@code key}, or throws a {@link CryptoException} with {@code onFailure} as its reason. */
  static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext,
                     CryptoException.Reason onFailure) {
    return new Keyed(key).open(nonce, aad, ciphertext, onFailure);
  }

  /**
   * One key's cipher for many messages; not thread-safe. The JDK refuses to encrypt twice under
   * one key and nonce on the same instance, which is one more guard against a repeated nonce.
   */
  static final class Keyed {
    private final SecretKeySpec key;
    private final Cipher cipher;

    Keyed(byte[] key) {
      if (key.length != 32) {
        throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key");
      }
      this.key = new SecretKeySpec(key, "AES");
      try {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK has no AES/GCM/NoPadding", e);
      }
    }

    byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
      try {
        init(Cipher.ENCRYPT_MODE, nonce, aad);
        return cipher.doFinal(plaintext);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM refused to seal", e);
      }
    }

    byte[] open(byte[] nonce, byte[] aad, byte[] ciphertext, CryptoException.Reason onFailure) {
      if (ciphertext.length < TAG_BYTES) {
        throw new CryptoException(onFailure, "ciphertext shorter than its tag");
      }
      try {
        init(Cipher.DECRYPT_MODE, nonce, aad);
        return cipher.doFinal(ciphertext);
      } catch (AEADBadTagException e) {
        throw new CryptoException(onFailure, "authentication failed");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM refused to open", e);
      }
    }

    private void init(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
      if (nonce.length != NONCE_BYTES) {
        throw new IllegalArgumentException("AES-256-GCM needs a 12-byte nonce");
      }
      cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(aad);
    }
  }
}
