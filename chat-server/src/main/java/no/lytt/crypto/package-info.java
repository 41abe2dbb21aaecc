/**
 * Lytt's end-to-end cryptography on the JVM, byte for byte as docs/crypto.md fixes it.
 *
 * <p>Plain Java on Bouncy Castle's lightweight API: no Vert.x, no I/O except the organisation key
 * file, no static mutable state. The same bytes are produced by the browser code; both are checked
 * against the RFC 9180 vectors of our suite
 * ({@code docs/vectors/rfc9180-x25519-sha256-aes256gcm.json}) and against Lytt's own vectors
 * ({@code docs/vectors/lytt-v1.json}).
 *
 * <p>Entry points: {@link no.lytt.crypto.OrgKey} certifies devices,
 * {@link no.lytt.crypto.DeviceKeys} is a counsellor device,
 * {@link no.lytt.crypto.CounsellorChatOffer} and {@link no.lytt.crypto.VisitorHandshake} are the
 * two halves of the live-chat handshake, and {@link no.lytt.crypto.ChatCipher} seals and opens
 * message frames. Failures are {@link no.lytt.crypto.CryptoException}s carrying a
 * {@link no.lytt.crypto.CryptoException.Reason} whose {@code code()} is the wire string.
 */
package no.lytt.crypto;
