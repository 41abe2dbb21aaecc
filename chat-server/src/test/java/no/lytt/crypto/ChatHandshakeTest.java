package no.lytt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The live-chat handshake end to end, and every way an offer must be refused. */
class ChatHandshakeTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final long NOW = 1_800_000_000L;

  final OrgKey org = OrgKey.generate(RANDOM);
  final DeviceKeys device = DeviceKeys.generate(RANDOM);
  final DeviceCertificate cert = org.certify(device.deviceId(), device.idPub(), device.encPub(),
      NOW - 3600, NOW + 3600, "Kari");
  final CounsellorChatOffer offer = CounsellorChatOffer.create(device, RANDOM);

  @Test
  void bothSidesGetTheSameKeysAndSafetyCode() {
    VisitorHandshake.Result visitor = VisitorHandshake.open(offer.chatId(), offer.chatPub(),
        offer.chatKeySig(), cert, org.publicKey(), NOW);
    ChatCipher counsellor = offer.accept(visitor.enc());
    assertEquals(visitor.cipher().safetyCode(), counsellor.safetyCode());
    assertEquals(7, counsellor.safetyCode().length());
    assertEquals(' ', counsellor.safetyCode().charAt(3));
    ChatCipher.Sealed hello = visitor.cipher().seal("{\"t\":\"text\",\"text\":\"hei\"}".getBytes());
    assertEquals(1, hello.seq());
    assertEquals("{\"t\":\"text\",\"text\":\"hei\"}",
        new String(counsellor.open(hello.seq(), hello.ct())));
    ChatCipher.Sealed back = counsellor.seal("{\"t\":\"end\"}".getBytes());
    assertEquals("{\"t\":\"end\"}", new String(visitor.cipher().open(back.seq(), back.ct())));
  }

  @Test
  void chatIdIsSixteenRandomBytes() {
    assertEquals(22, offer.chatId().length());
    assertEquals(16, B64u.decode(offer.chatId()).length);
    assertNotEquals(offer.chatId(), CounsellorChatOffer.create(device, RANDOM).chatId());
  }

  @Test
  void certificateFromAnotherOrganisationIsRefused() {
    OrgKey rogue = OrgKey.generate(RANDOM);
    DeviceCertificate forged = rogue.certify(device.deviceId(), device.idPub(), device.encPub(),
        NOW - 10, NOW + 10, "Kari");
    assertRefused("bad_certificate", () -> open(forged, offer.chatKeySig(), NOW));
  }

  @Test
  void expiredAndNotYetValidCertificatesAreRefused() {
    assertRefused("expired_certificate", () -> open(cert, offer.chatKeySig(), NOW + 3600));
    assertRefused("expired_certificate", () -> open(cert, offer.chatKeySig(), NOW - 3601));
  }

  @Test
  void missingOrMalformedCertificateIsRefused() {
    assertRefused("bad_certificate", () -> open(null, offer.chatKeySig(), NOW));
    DeviceCertificate wrongVersion = new DeviceCertificate(2, cert.deviceId(), cert.idPub(),
        cert.encPub(), cert.notBefore(), cert.notAfter(), cert.displayName(), cert.sig());
    assertRefused("bad_certificate", () -> open(wrongVersion, offer.chatKeySig(), NOW));
  }

  @Test
  void chatKeyNotSignedByTheCertifiedDeviceIsRefused() {
    DeviceKeys other = DeviceKeys.generate(RANDOM);
    byte[] otherSig = ChatKeySignature.sign(other, offer.chatId(), offer.chatPub());
    assertRefused("bad_signature", () -> open(cert, otherSig, NOW));
    byte[] flipped = offer.chatKeySig();
    flipped[5] ^= 1;
    assertRefused("bad_signature", () -> open(cert, flipped, NOW));
    assertRefused("bad_signature", () -> open(cert, new byte[10], NOW));
  }

  @Test
  void signatureNamingAnotherDeviceIdIsRefused() {
    // The counsellor's own identity key, but the statement names a different deviceId: a valid
    // signature cannot be carried over to another device's certificate.
    String otherId = DeviceKeys.generate(RANDOM).deviceId();
    byte[] sig = device.sign(ChatKeySignature.bytesToSign(offer.chatId(), offer.chatPub(), otherId));
    assertRefused("bad_signature", () -> open(cert, sig, NOW));
  }

  @Test
  void signatureForAnotherChatIsRefused() {
    CounsellorChatOffer earlier = CounsellorChatOffer.create(device, RANDOM);
    assertRefused("bad_signature", () -> VisitorHandshake.open(offer.chatId(), earlier.chatPub(),
        earlier.chatKeySig(), cert, org.publicKey(), NOW));
    assertRefused("bad_signature", () -> VisitorHandshake.open("not-a-chat-id", offer.chatPub(),
        offer.chatKeySig(), cert, org.publicKey(), NOW));
  }

  @Test
  void lowOrderChatKeyIsRefusedEvenWhenSigned() {
    byte[] zero = new byte[32];
    byte[] sig = ChatKeySignature.sign(device, offer.chatId(), zero);
    assertRefused("bad_key", () -> VisitorHandshake.open(offer.chatId(), zero, sig, cert,
        org.publicKey(), NOW));
  }

  @Test
  void counsellorRefusesLowOrderEncAndIsSingleUse() {
    assertRefused("bad_key", () -> offer.accept(new byte[32]));
    assertThrows(IllegalStateException.class, () -> offer.accept(new byte[32]));
    CounsellorChatOffer fresh = CounsellorChatOffer.create(device, RANDOM);
    VisitorHandshake.Result v = VisitorHandshake.open(fresh.chatId(), fresh.chatPub(),
        fresh.chatKeySig(), cert, org.publicKey(), NOW);
    fresh.accept(v.enc());
    assertThrows(IllegalStateException.class, () -> fresh.accept(v.enc()));
  }

  private VisitorHandshake.Result open(DeviceCertificate c, byte[] sig, long now) {
    return VisitorHandshake.open(offer.chatId(), offer.chatPub(), sig, c, org.publicKey(), now);
  }

  static void assertRefused(String code, Executable action) {
    assertEquals(code, assertThrows(CryptoException.class, action).code());
  }

  /** A connected pair of ciphers for frame tests. */
  static ChatCipher[] pair() {
    OrgKey org = OrgKey.generate(RANDOM);
    DeviceKeys device = DeviceKeys.generate(RANDOM);
    DeviceCertificate cert = org.certify(device.deviceId(), device.idPub(), device.encPub(),
        NOW - 10, NOW + 10, "Kari");
    CounsellorChatOffer offer = CounsellorChatOffer.create(device, RANDOM);
    VisitorHandshake.Result v = VisitorHandshake.open(offer.chatId(), offer.chatPub(),
        offer.chatKeySig(), cert, org.publicKey(), NOW);
    assertArrayEquals(v.enc(), v.enc());
    return new ChatCipher[] {v.cipher(), offer.accept(v.enc())};
  }
}
