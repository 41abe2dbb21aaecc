package no.lytt.crypto;

import java.util.Locale;

/**
 * A refused cryptographic input: a certificate, signature, key or frame that must not be trusted.
 *
 * <p>Unchecked on purpose: every caller is a protocol edge that maps {@link #reason()} to a typed
 * answer (a {@code reject} frame, a resume, a visible warning) in one place, and a checked
 * exception would only be re-wrapped on the way there. No stack trace: these are answers to hostile or broken
 * input, not bugs, and a flood of them must stay cheap. The cause is kept when Bouncy Castle raised
 * the underlying error, so a real bug stays diagnosable.
 */
public final class CryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an input was refused; {@link #code()} is the string used on the wire and in vectors. */
  public enum Reason {
    /** The certificate is malformed or its organisation signature does not verify. */
    BAD_CERTIFICATE,
    /** The certificate is outside its validity window (expired, or not yet valid). */
    EXPIRED_CERTIFICATE,
    /** The chat-key signature does not verify under the certified identity key. */
    BAD_SIGNATURE,
    /** A public key is malformed or of low order (all-zero X25519 shared secret). */
    BAD_KEY,
    /** A frame's sequence number is not the next expected one (replay, reorder, gap). */
    BAD_SEQUENCE,
    /** A frame fails AES-GCM authentication (bit flip, wrong key, wrong chat or direction). */
    BAD_TAG,
    /** An authenticated frame has a bad length prefix, non-zero padding or a bad size. */
    BAD_PADDING,
    /** A message is too long to fit the largest padded plaintext. */
    TOO_LONG,
    /** A passphrase-protected key file could not be opened (wrong passphrase or damaged file). */
    BAD_PASSPHRASE,
    /** An encoded structure (JSON certificate, key file) is not of the documented form. */
    MALFORMED;

    /** The lower-case wire form, e.g. {@code bad_certificate}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public CryptoException(Reason reason, String message) {
    this(reason, message, null);
  }

  public CryptoException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Shortcut for {@code reason().code()}. */
  public String code() {
    return reason.code();
  }
}
