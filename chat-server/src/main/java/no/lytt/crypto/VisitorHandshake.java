package no.lytt.crypto;

import java.security.SecureRandom;

/**
 * The visitor's half of the live-chat handshake (docs/crypto.md, step 2): trust nothing the server
 * forwarded until it chains to the pinned organisation key, then encapsulate to the chat key.
 *
 * <p>Order of checks, each with the {@code reject} reason the page sends:
 * <ol>
 *   <li>the certificate is well formed and signed by the organisation key, else
 *       {@code bad_certificate};</li>
 *   <li>it is inside its validity window, else {@code expired_certificate} (also used for a
 *       not-yet-valid certificate: both mean "not valid now", usually a wrong clock);</li>
 *   <li>the chat key signature over {@code (chatId, chatPub, cert.deviceId)} verifies under
 *       {@code cert.idPub}, else {@code bad_signature};</li>
 *   <li>{@code SetupBaseS(chatPub, "lytt/chat/v1" || chatId)} succeeds, else {@code bad_key}
 *       (malformed or low-order chat key).</li>
 * </ol>
 */
public final class VisitorHandshake {
  private VisitorHandshake() {
  }

  /** A completed visitor handshake: {@code enc} for the {@code handshake} frame and the cipher. */
  public record Result(byte[] enc, ChatCipher cipher) {
    public Result {
      enc = enc.clone();
    }

    @Override
    public byte[] enc() {
      return enc.clone();
    }
  }

  /** Verifies an offer and runs the handshake with a fresh ephemeral key. */
  public static Result open(String chatId, byte[] chatPub, byte[] chatKeySig,
                            DeviceCertificate cert, byte[] orgPub, long nowEpochSeconds) {
    return open(chatId, chatPub, chatKeySig, cert, orgPub, nowEpochSeconds, new SecureRandom());
  }

  public static Result open(String chatId, byte[] chatPub, byte[] chatKeySig,
                            DeviceCertificate cert, byte[] orgPub, long nowEpochSeconds,
                            SecureRandom random) {
    verify(chatId, chatPub, chatKeySig, cert, orgPub, nowEpochSeconds);
    return finish(chatId, Hpke.setupBaseS(chatPub, Labels.chatInfo(chatId), random));
  }

  /** With a fixed ephemeral key: test vectors only. */
  static Result open(String chatId, byte[] chatPub, byte[] chatKeySig, DeviceCertificate cert,
                     byte[] orgPub, long nowEpochSeconds, RawKeyPair ephemeral) {
    verify(chatId, chatPub, chatKeySig, cert, orgPub, nowEpochSeconds);
    return finish(chatId, Hpke.setupBaseS(chatPub, Labels.chatInfo(chatId), ephemeral));
  }

  private static void verify(String chatId, byte[] chatPub, byte[] chatKeySig,
                             DeviceCertificate cert, byte[] orgPub, long now) {
    if (cert == null) {
      throw fail(CryptoException.Reason.BAD_CERTIFICATE, "no certificate");
    }
    switch (cert.verify(orgPub, now)) {
      case OK -> { }
      case EXPIRED -> throw fail(CryptoException.Reason.EXPIRED_CERTIFICATE, "expired");
      case NOT_YET_VALID ->
          throw fail(CryptoException.Reason.EXPIRED_CERTIFICATE, "not yet valid");
      case BAD_SIGNATURE ->
          throw fail(CryptoException.Reason.BAD_CERTIFICATE, "not signed by the organisation");
      case MALFORMED -> throw fail(CryptoException.Reason.BAD_CERTIFICATE, "malformed");
    }
    if (!ChatId.isValid(chatId) || chatKeySig == null || chatPub == null
        || !ChatKeySignature.verify(cert.idPub(), cert.deviceId(), chatId, chatPub, chatKeySig)) {
      throw fail(CryptoException.Reason.BAD_SIGNATURE, "chat key not signed by the device");
    }
  }

  private static Result finish(String chatId, Hpke.Sender sender) {
    ChatCipher cipher = ChatCipher.fromHpke(sender.context(), chatId, ChatCipher.Role.VISITOR);
    return new Result(sender.enc(), cipher);
  }

  private static CryptoException fail(CryptoException.Reason reason, String message) {
    return new CryptoException(reason, "offer refused: " + message);
  }
}
