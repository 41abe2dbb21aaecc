package no.lytt.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;

/** The offer-level negative cases of lytt-v1.json: what a visitor's page must reject. */
final class HandshakeNegatives {
  private final ObjectMapper json;
  private final OrgKey org;
  private final DeviceKeys device;
  private final DeviceCertificate cert;
  private final CounsellorChatOffer offer;

  HandshakeNegatives(ObjectMapper json, OrgKey org, DeviceKeys device, DeviceCertificate cert,
                     CounsellorChatOffer offer) {
    this.json = json;
    this.org = org;
    this.device = device;
    this.cert = cert;
    this.offer = offer;
  }

  void addTo(ArrayNode out) {
    long now = LyttVectorGenerator.NOW;
    byte[] sig = offer.chatKeySig();
    byte[] pub = offer.chatPub();
    byte[] badCertSig = cert.sig();
    badCertSig[10] ^= 1;
    add(out, "certificate signature does not verify", pub, sig, withSig(badCertSig), now,
        "bad_certificate");
    OrgKey rogue = OrgKey.fromSeed(LyttVectorGenerator.seed("rogue org"));
    add(out, "certificate signed by another organisation key", pub, sig, rogue.certify(
        cert.deviceId(), cert.idPub(), cert.encPub(), cert.notBefore(), cert.notAfter(),
        cert.displayName()).toJsonMap(), now, "bad_certificate");
    DeviceKeys other = DeviceKeys.fromPrivate(LyttVectorGenerator.seed("other identity"),
        LyttVectorGenerator.seed("other encryption"));
    byte[] mismatched = DeviceCertificate.bytesToSign(other.deviceId(), cert.idPub(),
        cert.encPub(), cert.notBefore(), cert.notAfter(), cert.displayName());
    Map<String, Object> signedMismatch = cert.toJsonMap();
    signedMismatch.put("deviceId", other.deviceId());
    signedMismatch.put("sig", B64u.encode(Ed25519.sign(LyttVectorGenerator.seed("org"),
        mismatched)));
    add(out, "organisation-signed certificate whose deviceId is not the hash of its keys", pub,
        sig, signedMismatch, now, "bad_certificate");
    add(out, "certificate expired (now == notAfter)", pub, sig, cert.toJsonMap(),
        cert.notAfter(), "expired_certificate");
    add(out, "certificate not yet valid", pub, sig, cert.toJsonMap(), cert.notBefore() - 1,
        "expired_certificate");
    byte[] badSig = sig.clone();
    badSig[0] ^= 1;
    add(out, "chat key signature does not verify", pub, badSig, cert.toJsonMap(), now,
        "bad_signature");
    byte[] otherIdSig = device.sign(ChatKeySignature.bytesToSign(offer.chatId(), pub,
        other.deviceId()));
    add(out, "chat key signed by the device but naming another deviceId", pub, otherIdSig,
        cert.toJsonMap(), now, "bad_signature");
    byte[] zero = new byte[32];
    add(out, "low-order (all-zero) chat key, correctly signed", zero,
        ChatKeySignature.sign(device, offer.chatId(), zero), cert.toJsonMap(), now, "bad_key");
  }

  private Map<String, Object> withSig(byte[] sig) {
    Map<String, Object> m = cert.toJsonMap();
    m.put("sig", B64u.encode(sig));
    return m;
  }

  private void add(ArrayNode out, String name, byte[] chatPub, byte[] chatKeySig,
                   Map<String, Object> certificate, long now, String error) {
    var n = out.addObject().put("kind", "offer").put("name", name).put("chatId", offer.chatId())
        .put("chatPubB64u", B64u.encode(chatPub)).put("chatKeySigB64u", B64u.encode(chatKeySig));
    n.set("certificate", json.valueToTree(certificate));
    n.put("orgPubB64u", org.publicKeyB64u()).put("now", now).put("expectedError", error);
  }
}
