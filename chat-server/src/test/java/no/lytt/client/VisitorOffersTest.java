package no.lytt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import no.lytt.crypto.B64u;
import no.lytt.crypto.CounsellorChatOffer;
import no.lytt.crypto.CryptoException;
import no.lytt.crypto.DeviceKeys;
import no.lytt.crypto.OrgKey;
import org.junit.jupiter.api.Test;

/** The visitor's answer to offers, frame by frame: exactly one handshake or one reject. */
class VisitorOffersTest {
  private static final long NOW = 1_800_000_000L;
  private final SecureRandom random = new SecureRandom();
  private final OrgKey org = OrgKey.generate(random);
  private final DeviceKeys device = DeviceKeys.generate(random);
  private final CounsellorChatOffer chat = CounsellorChatOffer.create(device, random);
  private final VisitorOffers offers = new VisitorOffers(org.publicKey(),
      Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  private final List<JsonObject> sent = new ArrayList<>();

  @Test
  void validOfferIsAnsweredWithHandshake() {
    ChatSession session = offers.answer(offer(NOW + 60), sent::add);
    assertEquals(1, sent.size());
    assertEquals("handshake", sent.get(0).getString("type"));
    assertEquals(chat.chatId(), sent.get(0).getString("chatId"));
    byte[] enc = B64u.decode(sent.get(0).getString("enc"));
    assertEquals(session.safetyCode(), chat.accept(enc).safetyCode());
  }

  @Test
  void everyRefusalIsOneRejectWithItsReason() {
    assertReject("expired_certificate", offer(NOW));
    assertReject("bad_certificate", offer(NOW + 60).put("certificate", null));
    JsonObject forged = offer(NOW + 60);
    forged.getJsonObject("certificate").put("displayName", "Mallory");
    assertReject("bad_certificate", forged);
    assertReject("bad_key", offer(NOW + 60).put("chatPub", "not base64url!"));
    assertReject("bad_signature", offer(NOW + 60).put("chatKeySig", B64u.encode(new byte[64])));
  }

  private void assertReject(String reason, JsonObject offer) {
    sent.clear();
    assertThrows(CryptoException.class, () -> offers.answer(offer, sent::add));
    assertEquals(1, sent.size());
    assertEquals("reject", sent.get(0).getString("type"));
    assertEquals(reason, sent.get(0).getString("reason"));
  }

  private JsonObject offer(long notAfter) {
    JsonObject cert = new JsonObject(org.certify(device.deviceId(), device.idPub(),
        device.encPub(), NOW - 60, notAfter, "Kari").toJsonMap());
    return new JsonObject().put("type", "offer").put("chatId", chat.chatId())
        .put("chatPub", B64u.encode(chat.chatPub()))
        .put("chatKeySig", B64u.encode(chat.chatKeySig())).put("certificate", cert);
  }
}
