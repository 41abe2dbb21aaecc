package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Generates {@code docs/vectors/lytt-v1.json}, Lytt's own test vectors, deterministically from
 * fixed seeds. The Java ({@link LyttVectorsTest}) and browser tests read the committed file; the
 * Java test also regenerates it and fails if anything differs, so the file and the implementation
 * cannot drift apart.
 *
 * <p>Run after an intentional change: {@code mvn -pl chat-server -am test
 * -Dtest=LyttVectorsTest -Dlytt.vectors.write=true -Dsurefire.failIfNoSpecifiedTests=false}, or
 * this {@code main} with the test classpath (an optional argument names the output file).
 */
public final class LyttVectorGenerator {
  static final String FILE = "lytt-v1.json";
  static final long NOT_BEFORE = 1_795_420_800L;
  static final long NOT_AFTER = 1_826_956_800L;
  static final long NOW = 1_800_000_000L;
  static final String DISPLAY_NAME = "Åse";

  private final ObjectMapper json = new ObjectMapper();

  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : VectorFiles.dir().resolve(FILE);
    Files.writeString(out, new LyttVectorGenerator().render());
    System.out.println("wrote " + out.toAbsolutePath());
  }

  String render() throws IOException {
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(generate()) + "\n";
  }

  /** A 32-byte input from its name: SHA-256("lytt vector " + name). */
  static byte[] seed(String name) {
    return DeviceId.sha256(("lytt vector " + name).getBytes(StandardCharsets.UTF_8));
  }

  ObjectNode generate() {
    ObjectNode root = json.createObjectNode();
    root.put("description", VectorDescription.TEXT);
    root.put("version", 1);
    root.set("lp", LpSection.build(json));
    OrgKey org = OrgKey.fromSeed(seed("org"));
    DeviceKeys device = DeviceKeys.fromPrivate(seed("device identity"), seed("device encryption"));
    root.set("device", device(device));
    DeviceCertificate cert = org.certify(device.deviceId(), device.idPub(), device.encPub(),
        NOT_BEFORE, NOT_AFTER, DISPLAY_NAME);
    root.set("certificate", certificate(org, cert));
    String chatId = B64u.encode(Arrays.copyOf(seed("chatId"), ChatId.BYTES));
    RawKeyPair chatKey = Hpke.deriveKeyPair(seed("chat key ikm"));
    CounsellorChatOffer offer = CounsellorChatOffer.create(device, chatId, chatKey);
    root.set("chatKey", chatKey(device, offer, chatKey));
    RawKeyPair ephemeral = Hpke.deriveKeyPair(seed("visitor ephemeral ikm"));
    Hpke.Sender sender = Hpke.setupBaseS(offer.chatPub(), Labels.chatInfo(chatId), ephemeral);
    Keys keys = new Keys(export(sender, Labels.EXPORT_VISITOR_TO_COUNSELLOR, 32),
        export(sender, Labels.EXPORT_COUNSELLOR_TO_VISITOR, 32),
        export(sender, Labels.EXPORT_SAFETY, 4));
    VisitorHandshake.Result visitor = VisitorHandshake.open(chatId, offer.chatPub(),
        offer.chatKeySig(), cert, org.publicKey(), NOW, ephemeral);
    ChatCipher counsellor = offer.accept(visitor.enc());
    root.set("handshake", handshake(chatId, ephemeral, visitor, keys));
    root.set("padding", LpSection.padding(json));
    FrameSection frames = new FrameSection(json, chatId, keys.kVC);
    root.set("frames", frames.positive(visitor.cipher(), counsellor));
    ArrayNode negative = frames.negative();
    new HandshakeNegatives(json, org, device, cert, offer).addTo(negative);
    root.set("negative", negative);
    return root;
  }

  record Keys(byte[] kVC, byte[] kCV, byte[] safety) {
  }

  private static byte[] export(Hpke.Sender sender, String label, int length) {
    return sender.context().export(Labels.utf8(label), length);
  }

  private ObjectNode device(DeviceKeys d) {
    ObjectNode n = json.createObjectNode();
    n.put("idSeedHex", hex(seed("device identity")));
    n.put("idPubHex", hex(d.idPub()));
    n.put("idPubB64u", B64u.encode(d.idPub()));
    n.put("encPrivHex", hex(seed("device encryption")));
    n.put("encPubHex", hex(d.encPub()));
    n.put("encPubB64u", B64u.encode(d.encPub()));
    byte[] input = DeviceId.hashInput(d.idPub(), d.encPub());
    n.put("hashInputHex", hex(input));
    n.put("sha256Hex", hex(DeviceId.sha256(input)));
    n.put("deviceId", d.deviceId());
    n.put("fingerprint", d.fingerprint());
    n.put("fingerprintGrouped", DeviceId.grouped(d.fingerprint()));
    return n;
  }

  private ObjectNode certificate(OrgKey org, DeviceCertificate cert) {
    ObjectNode n = json.createObjectNode();
    n.put("orgSeedHex", hex(seed("org")));
    n.put("orgPubHex", hex(org.publicKey()));
    n.put("orgPubB64u", org.publicKeyB64u());
    n.put("certBytesHex", hex(cert.bytesToSign()));
    n.put("sigHex", hex(cert.sig()));
    n.set("json", json.valueToTree(cert.toJsonMap()));
    ArrayNode checks = n.putArray("checks");
    for (long t : new long[] {NOT_BEFORE - 1, NOT_BEFORE, NOW, NOT_AFTER - 1, NOT_AFTER}) {
      checks.addObject().put("now", t).put("expect", cert.verify(org.publicKey(), t).name());
    }
    return n;
  }

  private ObjectNode chatKey(DeviceKeys device, CounsellorChatOffer offer, RawKeyPair chatKey) {
    ObjectNode n = json.createObjectNode();
    n.put("chatIdBytesHex", hex(B64u.decode(offer.chatId())));
    n.put("chatId", offer.chatId());
    n.put("chatKeyIkmHex", hex(seed("chat key ikm")));
    n.put("chatPrivHex", hex(chatKey.privateKey()));
    n.put("chatPubHex", hex(offer.chatPub()));
    n.put("chatPubB64u", B64u.encode(offer.chatPub()));
    n.put("deviceId", device.deviceId());
    n.put("chatKeyBytesHex",
        hex(ChatKeySignature.bytesToSign(offer.chatId(), offer.chatPub(), device.deviceId())));
    n.put("sigHex", hex(offer.chatKeySig()));
    n.put("sigB64u", B64u.encode(offer.chatKeySig()));
    return n;
  }

  private ObjectNode handshake(String chatId, RawKeyPair ephemeral, VisitorHandshake.Result v,
                               Keys keys) {
    ObjectNode n = json.createObjectNode();
    n.put("now", NOW);
    n.put("infoHex", hex(Labels.chatInfo(chatId)));
    n.put("ephemeralIkmHex", hex(seed("visitor ephemeral ikm")));
    n.put("ephemeralPrivHex", hex(ephemeral.privateKey()));
    n.put("encHex", hex(v.enc()));
    n.put("encB64u", B64u.encode(v.enc()));
    ObjectNode labels = n.putObject("exportContextsUtf8");
    for (Map.Entry<String, String> e : Map.of("kVC", Labels.EXPORT_VISITOR_TO_COUNSELLOR,
        "kCV", Labels.EXPORT_COUNSELLOR_TO_VISITOR, "safety", Labels.EXPORT_SAFETY).entrySet()
        .stream().sorted(Map.Entry.comparingByKey()).toList()) {
      labels.put(e.getKey(), e.getValue());
    }
    n.put("kVCHex", hex(keys.kVC));
    n.put("kCVHex", hex(keys.kCV));
    n.put("safetyHex", hex(keys.safety));
    n.put("safetyCode", v.cipher().safetyCode());
    return n;
  }
}
