/**
 * The one error type of the crypto layer.
 *
 * `reason` is a stable, machine-readable code the transport and UI switch on; several of them
 * are sent to the server verbatim (the visitor's `reject` frame, docs/protocol.md), so they are
 * part of the protocol and must not be renamed:
 *
 * | reason                | raised by                                   |
 * |-----------------------|---------------------------------------------|
 * | `bad_certificate`     | certificate malformed or not signed by the organisation key |
 * | `expired_certificate` | certificate outside its validity window     |
 * | `bad_signature`       | chat key signature does not verify          |
 * | `bad_key`             | unusable public key, low-order X25519 point |
 * | `bad_sequence`        | frame is not the next expected one          |
 * | `bad_tag`             | AEAD authentication failed                  |
 * | `bad_padding`         | bad ciphertext length, length prefix or padding |
 * | `bad_message`         | authentic frame whose inner JSON is not a message |
 * | `too_long`            | message text does not fit a frame           |
 * | `bad_encoding`        | malformed base64url / hex input             |
 * | `destroyed`           | the cipher's keys were already dropped      |
 * | `bad_argument`        | a programming error in the caller           |
 * | `bad_key_file`        | not a Lytt organisation key file (org-key.js) |
 * | `bad_passphrase`      | the key file does not open with this passphrase |
 */
export class CryptoError extends Error {
  /**
   * @param {string} reason stable code, see the table above
   * @param {string} [message] human-readable detail (never contains key material or plaintext)
   * @param {{cause?: unknown}} [options]
   */
  constructor(reason, message, options) {
    super(message ?? reason, options);
    this.name = 'CryptoError';
    /** @type {string} */
    this.reason = reason;
  }
}
