package no.lytt.client;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;
import no.lytt.crypto.B64u;
import no.lytt.crypto.CryptoException;
import no.lytt.crypto.DeviceCertificate;
import no.lytt.crypto.VisitorHandshake;

/**
 * The visitor's answer to an {@code offer}: trust it only through the pinned organisation key,
 * then either {@code handshake} with {@code enc}, or {@code reject} with the reason and nothing
 * else (docs/crypto.md, handshake step 2; docs/protocol.md, {@code reject} reasons).
 */
final class VisitorOffers {
  private final byte[] orgPub;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  VisitorOffers(byte[] orgPub, Clock clock) {
    this.orgPub = orgPub.clone();
    this.clock = clock;
  }

  /**
   * Verifies {@code offer}. On success sends {@code handshake} and returns the new session; on
   * refusal sends {@code reject} and throws the {@link CryptoException}.
   */
  ChatSession answer(JsonObject offer, Consumer<JsonObject> send) {
    String chatId = offer.getString("chatId");
    try {
      JsonObject certificate = offer.getJsonObject("certificate");
      if (certificate == null) {
        throw new CryptoException(CryptoException.Reason.BAD_CERTIFICATE, "no certificate");
      }
      VisitorHandshake.Result result = VisitorHandshake.open(chatId,
          decode(offer.getString("chatPub"), CryptoException.Reason.BAD_KEY),
          decode(offer.getString("chatKeySig"), CryptoException.Reason.BAD_SIGNATURE),
          DeviceCertificate.fromJsonMap(certificate.getMap()), orgPub,
          clock.instant().getEpochSecond(), random);
      send.accept(new JsonObject().put("type", "handshake").put("chatId", chatId)
          .put("enc", B64u.encode(result.enc())));
      return new ChatSession(chatId, result.cipher());
    } catch (CryptoException e) {
      send.accept(new JsonObject().put("type", "reject").put("chatId", chatId)
          .put("reason", rejectReason(e.reason())));
      throw e;
    }
  }

  /** The reject reasons of docs/protocol.md; a malformed certificate is a bad certificate. */
  static String rejectReason(CryptoException.Reason reason) {
    return switch (reason) {
      case EXPIRED_CERTIFICATE -> "expired_certificate";
      case BAD_SIGNATURE -> "bad_signature";
      case BAD_KEY -> "bad_key";
      default -> "bad_certificate";
    };
  }

  private static byte[] decode(String b64u, CryptoException.Reason onError) {
    try {
      return B64u.decode(b64u);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CryptoException(onError, "missing or not base64url");
    }
  }
}
