package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Our HPKE wrapper against the RFC 9180 vectors of exactly our suite (0x0020/0x0001/0x0002, base
 * mode), from {@code docs/vectors/rfc9180-x25519-sha256-aes256gcm.json}. The browser's tests read
 * the same file.
 */
class RfcHpkeVectorsTest {
  private static JsonNode vector() {
    JsonNode v = VectorFiles.read("rfc9180-x25519-sha256-aes256gcm.json").get("vectors").get(0);
    assertEquals(0, v.get("mode").asInt());
    assertEquals(Hpke.KEM_ID, v.get("kem_id").asInt());
    assertEquals(Hpke.KDF_ID, v.get("kdf_id").asInt());
    assertEquals(Hpke.AEAD_ID, v.get("aead_id").asInt());
    return v;
  }

  @Test
  void deriveKeyPairGivesTheVectorKeys() {
    JsonNode v = vector();
    RawKeyPair r = Hpke.deriveKeyPair(hex(v.get("ikmR")));
    RawKeyPair e = Hpke.deriveKeyPair(hex(v.get("ikmE")));
    assertEquals(v.get("pkRm").asText(), hex(r.publicKey()));
    assertEquals(v.get("pkEm").asText(), hex(e.publicKey()));
    // Bouncy Castle hands back the scalar clamped (RFC 7748 decodeScalar25519); X25519 clamps
    // before use, so it is the same key as the vector's unclamped encoding.
    assertEquals(hex(clamp(hex(v.get("skRm")))), hex(r.privateKey()));
    assertEquals(hex(clamp(hex(v.get("skEm")))), hex(e.privateKey()));
  }

  @Test
  void senderWithTheVectorEphemeralSealsAndExportsTheVectorBytes() {
    JsonNode v = vector();
    RawKeyPair ephemeral = X25519.fromPrivate(hex(v.get("skEm")));
    Hpke.Sender sender = Hpke.setupBaseS(hex(v.get("pkRm")), hex(v.get("info")), ephemeral);
    assertEquals(v.get("enc").asText(), hex(sender.enc()));
    long seq = 0;
    for (JsonNode enc : v.get("encryptions")) {
      long target = enc.get("seq").asLong();
      for (; seq < target; seq++) {
        sender.context().seal(hex(enc.get("aad")), hex(enc.get("pt")));
      }
      byte[] ct = sender.context().seal(hex(enc.get("aad")), hex(enc.get("pt")));
      seq++;
      assertEquals(enc.get("ct").asText(), hex(ct), "ciphertext of seq " + target);
    }
    for (JsonNode export : v.get("exports")) {
      byte[] value = sender.context().export(hex(export.get("exporter_context")),
          export.get("L").asInt());
      assertEquals(export.get("exported_value").asText(), hex(value));
    }
  }

  @Test
  void recipientOpensTheVectorCiphertextsAndExports() {
    JsonNode v = vector();
    RawKeyPair recipient = X25519.fromPrivate(hex(v.get("skRm")));
    assertEquals(v.get("pkRm").asText(), hex(recipient.publicKey()));
    Hpke.Context ctx = Hpke.setupBaseR(hex(v.get("enc")), recipient, hex(v.get("info")));
    long seq = 0;
    for (JsonNode enc : v.get("encryptions")) {
      long target = enc.get("seq").asLong();
      if (target != seq) {
        ctx = skipTo(v, recipient, target);
        seq = target;
      }
      assertArrayEquals(hex(enc.get("pt")), ctx.open(hex(enc.get("aad")), hex(enc.get("ct"))));
      seq++;
    }
    for (JsonNode export : v.get("exports")) {
      assertEquals(export.get("exported_value").asText(), hex(ctx.export(
          hex(export.get("exporter_context")), export.get("L").asInt())));
    }
  }

  @Test
  void intermediateValuesMatchAnIndependentKeySchedule() {
    JsonNode v = vector();
    RfcKeySchedule.Schedule s = RfcKeySchedule.compute(hex(v.get("skEm")), hex(v.get("pkEm")),
        hex(v.get("pkRm")), hex(v.get("info")));
    assertEquals(v.get("shared_secret").asText(), hex(s.sharedSecret()));
    assertEquals(v.get("key_schedule_context").asText(), hex(s.keyScheduleContext()));
    assertEquals(v.get("secret").asText(), hex(s.secret()));
    assertEquals(v.get("key").asText(), hex(s.key()));
    assertEquals(v.get("base_nonce").asText(), hex(s.baseNonce()));
    assertEquals(v.get("exporter_secret").asText(), hex(s.exporterSecret()));
    for (JsonNode enc : v.get("encryptions")) {
      assertArrayEquals(hex(enc.get("nonce")),
          xor(s.baseNonce(), enc.get("seq").asLong()), "nonce of seq " + enc.get("seq"));
    }
  }

  /**
   * A recipient context whose next open is {@code seq}. The file leaves out most of the 257
   * ciphertexts, so a sender with the vector's ephemeral key seals the skipped ones.
   */
  private static Hpke.Context skipTo(JsonNode v, RawKeyPair recipient, long seq) {
    Hpke.Context ctx = Hpke.setupBaseR(hex(v.get("enc")), recipient, hex(v.get("info")));
    Hpke.Sender sender = Hpke.setupBaseS(hex(v.get("pkRm")), hex(v.get("info")),
        X25519.fromPrivate(hex(v.get("skEm"))));
    for (long i = 0; i < seq; i++) {
      byte[] aad = ("Count-" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      ctx.open(aad, sender.context().seal(aad, new byte[0]));
    }
    return ctx;
  }

  static byte[] clamp(byte[] scalar) {
    byte[] k = scalar.clone();
    k[0] &= (byte) 248;
    k[31] &= 127;
    k[31] |= 64;
    return k;
  }

  private static byte[] xor(byte[] baseNonce, long seq) {
    byte[] nonce = baseNonce.clone();
    for (int i = 0; i < 8; i++) {
      nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
    }
    return nonce;
  }
}
