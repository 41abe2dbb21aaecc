package no.lytt.crypto;

/**
 * Message padding: {@code plaintext = u32(len(inner)) || inner || zero bytes up to a multiple of
 * 256}, at most {@value #MAX_PADDED} bytes (docs/crypto.md, "Message frames").
 *
 * <p>Padding hides a message's length to 256-byte steps from the server, which sees ciphertext
 * sizes. The cap keeps the largest base64url frame inside the 16 KiB WebSocket frame limit. The
 * receiver checks the structure strictly (length prefix within bounds, every padding byte zero)
 * and canonically (exactly to the next multiple of 256), so each message has one padded form and a
 * sender bug cannot hide data in the padding.
 */
public final class Padding {
  public static final int BLOCK = 256;
  public static final int MAX_PADDED = 8192;
  /** Largest inner message: the padded plaintext also carries the 4-byte length prefix. */
  public static final int MAX_INNER = MAX_PADDED - 4;

  private Padding() {
  }

  /** The padded length of an inner message of {@code innerLength} bytes. */
  public static int paddedLength(int innerLength) {
    int raw = 4 + innerLength;
    return (raw + BLOCK - 1) / BLOCK * BLOCK;
  }

  /**
   * Pads an inner message.
   *
   * @throws CryptoException {@link CryptoException.Reason#TOO_LONG} above {@link #MAX_INNER} bytes
   */
  public static byte[] pad(byte[] inner) {
    if (inner.length > MAX_INNER) {
      throw new CryptoException(CryptoException.Reason.TOO_LONG,
          "message of " + inner.length + " bytes exceeds " + MAX_INNER);
    }
    byte[] padded = new byte[paddedLength(inner.length)];
    System.arraycopy(Lp.u32(inner.length), 0, padded, 0, 4);
    System.arraycopy(inner, 0, padded, 4, inner.length);
    return padded;
  }

  /**
   * Removes the padding of an authenticated plaintext.
   *
   * @throws CryptoException {@link CryptoException.Reason#BAD_PADDING} for a size that is not a
   *                         positive multiple of 256 up to the cap, a length prefix beyond the
   *                         plaintext, padding past the next multiple of 256, or a non-zero
   *                         padding byte
   */
  public static byte[] unpad(byte[] padded) {
    if (padded.length < BLOCK || padded.length > MAX_PADDED || padded.length % BLOCK != 0) {
      throw badPadding("padded size " + padded.length);
    }
    long length = Lp.readU32(padded, 0);
    if (length > padded.length - 4) {
      throw badPadding("length prefix " + length + " beyond the plaintext");
    }
    if (paddedLength((int) length) != padded.length) {
      throw badPadding("padded beyond the next multiple of " + BLOCK);
    }
    int end = 4 + (int) length;
    int nonZero = 0;
    for (int i = end; i < padded.length; i++) {
      nonZero |= padded[i];
    }
    if (nonZero != 0) {
      throw badPadding("non-zero padding");
    }
    byte[] inner = new byte[(int) length];
    System.arraycopy(padded, 4, inner, 0, inner.length);
    return inner;
  }

  private static CryptoException badPadding(String message) {
    return new CryptoException(CryptoException.Reason.BAD_PADDING, message);
  }
}
