package no.lytt.crypto;

/**
 * The AES-GCM layer of one message frame (docs/crypto.md, "Message frames"):
 *
 * <pre>
 * nonce = u32(direction) || u64(seq)
 * aad   = lp("lytt/msg/v1") || lp(chatId) || lp(u32(direction)) || lp(u64(seq))
 * ct    = AES-256-GCM-Seal(key of the direction, nonce, aad, padded plaintext)
 * </pre>
 *
 * <p>Each direction has its own key and each (direction, seq) its own nonce, so no nonce repeats
 * under a key. chatId, direction and seq are in the AAD, so a frame moved to another chat,
 * direction or position fails authentication. Sequence policy lives in {@link ChatCipher}.
 */
final class MessageFrame {
  private MessageFrame() {
  }

  static byte[] nonce(int direction, long seq) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    System.arraycopy(Lp.u32(direction), 0, nonce, 0, 4);
    System.arraycopy(Lp.u64(seq), 0, nonce, 4, 8);
    return nonce;
  }

  static byte[] aad(String chatId, int direction, long seq) {
    return new Lp().utf8(Labels.MSG).utf8(chatId).u32Field(direction).u64Field(seq).toBytes();
  }

  static byte[] seal(byte[] key, String chatId, int direction, long seq, byte[] padded) {
    return seal(new AesGcm.Keyed(key), chatId, direction, seq, padded);
  }

  static byte[] open(byte[] key, String chatId, int direction, long seq, byte[] ct) {
    return open(new AesGcm.Keyed(key), chatId, direction, seq, ct);
  }

  static byte[] seal(AesGcm.Keyed key, String chatId, int direction, long seq, byte[] padded) {
    return key.seal(nonce(direction, seq), aad(chatId, direction, seq), padded);
  }

  static byte[] open(AesGcm.Keyed key, String chatId, int direction, long seq, byte[] ct) {
    return key.open(nonce(direction, seq), aad(chatId, direction, seq), ct, CryptoException.Reason.BAD_TAG);
  }
}
