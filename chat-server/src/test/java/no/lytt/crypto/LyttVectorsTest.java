package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/vectors/lytt-v1.json} against the implementation: first that regenerating it gives
 * exactly the committed file, then every section read the way the browser's tests read it.
 */
class LyttVectorsTest {
  private final JsonNode file = VectorFiles.read(LyttVectorGenerator.FILE);
  private final ObjectMapper json = new ObjectMapper();

  /**
   * After an intentional change, regenerate with {@code -Dlytt.vectors.write=true} on this test
   * (or run {@link LyttVectorGenerator#main}) and commit the new file with the browser's fix.
   */
  @Test
  void committedFileIsExactlyWhatTheGeneratorMakes() throws Exception {
    if (Boolean.getBoolean("lytt.vectors.write")) {
      LyttVectorGenerator.main(new String[0]);
    }
    JsonNode committed = VectorFiles.read(LyttVectorGenerator.FILE);
    JsonNode regenerated = json.readTree(new LyttVectorGenerator().render());
    assertEquals(regenerated, committed,
        "docs/vectors/lytt-v1.json differs from what the implementation generates");
  }

  @Test
  void lpSection() {
    for (JsonNode i : file.at("/lp/integers")) {
      byte[] enc = switch (i.get("type").asText()) {
        case "u16" -> Lp.u16(i.get("value").asInt());
        case "u32" -> Lp.u32(i.get("value").asLong());
        default -> Lp.u64(i.get("value").asLong());
      };
      assertEquals(i.get("hex").asText(), hex(enc));
    }
    for (JsonNode example : file.at("/lp/examples")) {
      Lp lp = new Lp();
      for (JsonNode f : example.get("fields")) {
        if (f.has("utf8")) {
          lp.utf8(f.get("utf8").asText());
        } else if (f.has("hex")) {
          lp.field(hex(f.get("hex")));
        } else if (f.has("u32")) {
          lp.u32Field(f.get("u32").asLong());
        } else {
          lp.u64Field(f.get("u64").asLong());
        }
      }
      assertEquals(example.get("hex").asText(), hex(lp.toBytes()));
    }
  }

  @Test
  void deviceSection() {
    JsonNode d = file.get("device");
    DeviceKeys keys = DeviceKeys.fromPrivate(hex(d.get("idSeedHex")), hex(d.get("encPrivHex")));
    assertEquals(d.get("idPubHex").asText(), hex(keys.idPub()));
    assertEquals(d.get("idPubB64u").asText(), B64u.encode(keys.idPub()));
    assertEquals(d.get("encPubHex").asText(), hex(keys.encPub()));
    assertEquals(d.get("hashInputHex").asText(),
        hex(DeviceId.hashInput(keys.idPub(), keys.encPub())));
    assertEquals(d.get("sha256Hex").asText(), hex(DeviceId.sha256(hex(d.get("hashInputHex")))));
    assertEquals(d.get("deviceId").asText(), keys.deviceId());
    assertEquals(d.get("fingerprint").asText(), keys.fingerprint());
    assertEquals(d.get("fingerprintGrouped").asText(), DeviceId.grouped(keys.fingerprint()));
  }

  @Test
  void certificateSection() {
    JsonNode c = file.get("certificate");
    DeviceCertificate cert = certificate(c.get("json"));
    assertEquals(c.get("certBytesHex").asText(), hex(cert.bytesToSign()));
    assertEquals(c.get("sigHex").asText(),
        hex(Ed25519.sign(hex(c.get("orgSeedHex")), cert.bytesToSign())));
    assertEquals(c.get("orgPubHex").asText(),
        hex(Ed25519.fromSeed(hex(c.get("orgSeedHex"))).publicKey()));
    for (JsonNode check : c.get("checks")) {
      assertEquals(check.get("expect").asText(),
          cert.verify(hex(c.get("orgPubHex")), check.get("now").asLong()).name());
    }
  }

  @Test
  void chatKeySection() {
    JsonNode k = file.get("chatKey");
    RawKeyPair chatKey = Hpke.deriveKeyPair(hex(k.get("chatKeyIkmHex")));
    assertEquals(k.get("chatPrivHex").asText(), hex(chatKey.privateKey()));
    assertEquals(k.get("chatPubHex").asText(), hex(chatKey.publicKey()));
    assertEquals(k.get("chatId").asText(), B64u.encode(hex(k.get("chatIdBytesHex"))));
    byte[] toSign = ChatKeySignature.bytesToSign(k.get("chatId").asText(), chatKey.publicKey(),
        k.get("deviceId").asText());
    assertEquals(k.get("chatKeyBytesHex").asText(), hex(toSign));
    byte[] idPub = hex(file.at("/device/idPubHex"));
    assertEquals(true, Ed25519.verify(idPub, toSign, hex(k.get("sigHex"))));
    assertEquals(k.get("sigHex").asText(), hex(device().sign(toSign)));
  }

  @Test
  void handshakeSection() {
    JsonNode h = file.get("handshake");
    VisitorHandshake.Result visitor = visitorHandshake();
    assertEquals(h.get("encHex").asText(), hex(visitor.enc()));
    assertEquals(h.get("safetyCode").asText(), visitor.cipher().safetyCode());
    RawKeyPair chatKey = X25519.fromPrivate(hex(file.at("/chatKey/chatPrivHex")));
    Hpke.Context r = Hpke.setupBaseR(visitor.enc(), chatKey, hex(h.get("infoHex")));
    for (Map.Entry<String, Integer> e : Map.of("kVC", 32, "kCV", 32, "safety", 4).entrySet()) {
      byte[] context = h.at("/exportContextsUtf8/" + e.getKey()).asText()
          .getBytes(StandardCharsets.UTF_8);
      assertEquals(h.get(e.getKey() + "Hex").asText(), hex(r.export(context, e.getValue())));
    }
    assertEquals(h.get("safetyCode").asText(), SafetyCode.format(hex(h.get("safetyHex"))));
    assertEquals(h.get("ephemeralPrivHex").asText(),
        hex(Hpke.deriveKeyPair(hex(h.get("ephemeralIkmHex"))).privateKey()));
  }

  @Test
  void paddingSection() {
    JsonNode p = file.get("padding");
    assertEquals(Padding.MAX_PADDED, p.get("maxPadded").asInt());
    for (JsonNode e : p.get("examples")) {
      assertEquals(e.get("paddedLength").asInt(), Padding.paddedLength(e.get("innerLength").asInt()));
      if (e.has("paddedHex")) {
        assertEquals(e.get("paddedHex").asText(), hex(Padding.pad(hex(e.get("innerHex")))));
      }
    }
    byte[] tooLong = new byte[p.at("/tooLong/innerLength").asInt()];
    assertEquals(p.at("/tooLong/expectedError").asText(),
        assertThrows(CryptoException.class, () -> Padding.pad(tooLong)).code());
  }

  @Test
  void framesOpenInOrderOnTheOtherSide() {
    ChatCipher[] ciphers = pair();
    String chatId = file.at("/chatKey/chatId").asText();
    for (JsonNode f : file.get("frames")) {
      int direction = f.get("direction").asInt();
      long seq = f.get("seq").asLong();
      assertEquals(f.get("nonceHex").asText(), hex(MessageFrame.nonce(direction, seq)));
      assertEquals(f.get("aadHex").asText(), hex(MessageFrame.aad(chatId, direction, seq)));
      byte[] key = hex(file.at(direction == 1 ? "/handshake/kVCHex" : "/handshake/kCVHex"));
      byte[] ct = B64u.decode(f.get("ctB64u").asText());
      assertEquals(f.get("paddedHex").asText(),
          hex(MessageFrame.open(key, chatId, direction, seq, ct)));
      assertEquals(f.get("paddedLength").asInt() + 16, ct.length);
      byte[] inner = ciphers[direction == 1 ? 1 : 0].open(seq, ct);
      assertEquals(f.get("innerUtf8").asText(), new String(inner, StandardCharsets.UTF_8));
      assertEquals(f.get("innerHex").asText(), hex(inner));
    }
  }

  @Test
  void negativeCasesAreRefusedWithTheirCodes() {
    for (JsonNode n : file.get("negative")) {
      String expected = n.get("expectedError").asText();
      CryptoException e = assertThrows(CryptoException.class,
          () -> refuse(n), n.get("name").asText());
      assertEquals(expected, e.code(), n.get("name").asText());
    }
  }

  private void refuse(JsonNode n) {
    if (n.get("kind").asText().equals("frame")) {
      int direction = n.get("direction").asInt();
      ChatCipher receiver = pair()[direction == 1 ? 1 : 0];
      for (JsonNode f : file.get("frames")) {
        if (f.get("direction").asInt() == direction
            && f.get("seq").asLong() < n.get("receiverExpectsSeq").asLong()) {
          receiver.open(f.get("seq").asLong(), B64u.decode(f.get("ctB64u").asText()));
        }
      }
      receiver.open(n.get("seq").asLong(), B64u.decode(n.get("ctB64u").asText()));
    } else {
      VisitorHandshake.open(n.get("chatId").asText(), B64u.decode(n.get("chatPubB64u").asText()),
          B64u.decode(n.get("chatKeySigB64u").asText()), certificate(n.get("certificate")),
          B64u.decode(n.get("orgPubB64u").asText()), n.get("now").asLong(), ephemeral());
    }
  }

  private DeviceCertificate certificate(JsonNode node) {
    return DeviceCertificate.fromJsonMap(json.convertValue(node, Map.class));
  }

  private DeviceKeys device() {
    return DeviceKeys.fromPrivate(hex(file.at("/device/idSeedHex")),
        hex(file.at("/device/encPrivHex")));
  }

  private RawKeyPair ephemeral() {
    return Hpke.deriveKeyPair(hex(file.at("/handshake/ephemeralIkmHex")));
  }

  private VisitorHandshake.Result visitorHandshake() {
    JsonNode k = file.get("chatKey");
    return VisitorHandshake.open(k.get("chatId").asText(), hex(k.get("chatPubHex")),
        hex(k.get("sigHex")), certificate(file.at("/certificate/json")),
        hex(file.at("/certificate/orgPubHex")), file.at("/handshake/now").asLong(), ephemeral());
  }

  /** [visitor, counsellor] ciphers of the vector chat, fresh. */
  private ChatCipher[] pair() {
    JsonNode k = file.get("chatKey");
    CounsellorChatOffer offer = CounsellorChatOffer.create(device(), k.get("chatId").asText(),
        X25519.fromPrivate(hex(k.get("chatPrivHex"))));
    assertArrayEquals(hex(k.get("sigHex")), offer.chatKeySig());
    VisitorHandshake.Result v = visitorHandshake();
    return new ChatCipher[] {v.cipher(), offer.accept(v.enc())};
  }
}
