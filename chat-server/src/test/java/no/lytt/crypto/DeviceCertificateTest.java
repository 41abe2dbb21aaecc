package no.lytt.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceCertificateTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long NOT_BEFORE = 1_795_420_800L;
  private static final long NOT_AFTER = 1_826_956_800L;

  private final OrgKey org = OrgKey.generate(RANDOM);
  private final DeviceKeys device = DeviceKeys.generate(RANDOM);
  private final DeviceCertificate cert = org.certify(device.deviceId(), device.idPub(),
      device.encPub(), NOT_BEFORE, NOT_AFTER, "Kari");

  @Test
  void deviceIdAndFingerprintComeFromOneHashOfBothKeys() {
    assertEquals(22, device.deviceId().length());
    assertEquals(40, device.fingerprint().length());
    assertEquals(device.fingerprint().toLowerCase(), device.fingerprint());
    byte[] hash = DeviceId.sha256(DeviceId.hashInput(device.idPub(), device.encPub()));
    assertEquals(B64u.encode(java.util.Arrays.copyOf(hash, 16)), device.deviceId());
    assertEquals(VectorFiles.hex(hash).substring(0, 40), device.fingerprint());
    assertEquals("0123 4567 89ab", DeviceId.grouped("0123456789ab"));
  }

  @Test
  void validOnlyInsideTheWindow() {
    byte[] orgPub = org.publicKey();
    assertEquals(DeviceCertificate.Status.OK, cert.verify(orgPub, NOT_BEFORE));
    assertEquals(DeviceCertificate.Status.OK, cert.verify(orgPub, NOT_AFTER - 1));
    assertEquals(DeviceCertificate.Status.NOT_YET_VALID, cert.verify(orgPub, NOT_BEFORE - 1));
    assertEquals(DeviceCertificate.Status.EXPIRED, cert.verify(orgPub, NOT_AFTER));
  }

  @Test
  void anotherOrganisationOrAnyChangedFieldBreaksTheSignature() {
    long now = NOT_BEFORE + 10;
    assertEquals(DeviceCertificate.Status.BAD_SIGNATURE,
        cert.verify(OrgKey.generate(RANDOM).publicKey(), now));
    assertEquals(DeviceCertificate.Status.BAD_SIGNATURE, with("displayName", "Mallory")
        .verify(org.publicKey(), now));
    assertEquals(DeviceCertificate.Status.BAD_SIGNATURE, with("notAfter", NOT_AFTER + 1)
        .verify(org.publicKey(), now));
  }

  @Test
  void malformedCertificatesAreNotTrusted() {
    long now = NOT_BEFORE + 10;
    DeviceKeys other = DeviceKeys.generate(RANDOM);
    assertEquals(DeviceCertificate.Status.MALFORMED,
        with("deviceId", other.deviceId()).verify(org.publicKey(), now), "deviceId of other keys");
    assertEquals(DeviceCertificate.Status.MALFORMED, with("v", 2).verify(org.publicKey(), now));
    assertEquals(DeviceCertificate.Status.MALFORMED,
        with("sig", B64u.encode(new byte[63])).verify(org.publicKey(), now));
    assertEquals(DeviceCertificate.Status.MALFORMED,
        with("displayName", "x".repeat(70_000)).verify(org.publicKey(), now));
  }

  @Test
  void jsonRoundTripsInSpecOrder() {
    Map<String, Object> json = cert.toJsonMap();
    assertEquals(java.util.List.of("v", "deviceId", "idPub", "encPub", "notBefore", "notAfter",
        "displayName", "sig"), java.util.List.copyOf(json.keySet()));
    assertEquals(cert, DeviceCertificate.fromJsonMap(json));
    Map<String, Object> fromBigJson = new HashMap<>(json);
    fromBigJson.put("notBefore", java.math.BigInteger.valueOf(NOT_BEFORE));
    fromBigJson.put("extra", "ignored");
    assertEquals(cert, DeviceCertificate.fromJsonMap(fromBigJson));
  }

  @Test
  void fromJsonRefusesWrongTypesAndEncodings() {
    for (Object[] bad : new Object[][] {{"v", "1"}, {"notBefore", 1.5}, {"notAfter", -1L},
        {"idPub", "AA=="}, {"sig", 42}, {"displayName", null}, {"deviceId", null}}) {
      Map<String, Object> json = new HashMap<>(cert.toJsonMap());
      json.put((String) bad[0], bad[1]);
      CryptoException e = assertThrows(CryptoException.class,
          () -> DeviceCertificate.fromJsonMap(json), String.valueOf(bad[0]));
      assertEquals(CryptoException.Reason.MALFORMED, e.reason());
    }
    assertThrows(CryptoException.class, () -> DeviceCertificate.fromJsonMap(null));
  }

  @Test
  void orgKeyRefusesToCertifyNonsense() {
    assertThrows(IllegalArgumentException.class, () -> org.certify("AAAAAAAAAAAAAAAAAAAAAA",
        device.idPub(), device.encPub(), NOT_BEFORE, NOT_AFTER, "Kari"));
    assertThrows(IllegalArgumentException.class, () -> org.certify(device.deviceId(),
        device.idPub(), device.encPub(), NOT_AFTER, NOT_AFTER, "Kari"));
  }

  private DeviceCertificate with(String field, Object value) {
    Map<String, Object> json = new HashMap<>(cert.toJsonMap());
    json.put(field, value);
    return DeviceCertificate.fromJsonMap(json);
  }
}
