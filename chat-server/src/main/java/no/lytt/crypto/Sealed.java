package no.lytt.crypto;

import java.nio.charset.StandardCharsets;

/**
 * One-shot HPKE sealing of small items that wait for their reader (docs/crypto.md, "Sealed to the
 * team" and "Replies"): contact details and a left message sealed by the visitor's page to every
 * certified counsellor device, and a counsellor's reply sealed to the key pair derived from the
 * visitor's code. The plaintext is padded like a chat message, so sizes say little.
 *
 * <ul>
 *   <li>to the team: {@code info = "lytt/sealed/v1" || id},
 *       {@code aad = lp("lytt/sealed/v1") || lp(id) || lp(deviceId)} — one sealing per device;</li>
 *   <li>a reply: {@code info = "lytt/reply/v1" || id}, {@code aad = lp("lytt/reply/v1") || lp(id)}.</li>
 * </ul>
 * The item id in info and aad binds each ciphertext to its item, and the device id to its reader,
 * so a store that moves ciphertext around makes it unreadable, never misattributed.
 */
public final class Sealed {
  /** {@code enc} and {@code ct}, base64url. */
  public record Box(String enc, String ct) {
  }

  private Sealed() {
  }

  public static Box toDevice(byte[] encPub, String deviceId, String itemId, String innerJson) {
    return seal(encPub, Labels.utf8(Labels.SEALED + itemId), teamAad(itemId, deviceId), innerJson);
  }

  public static String openAsDevice(Box box, RawKeyPair device, String deviceId, String itemId) {
    return open(box, device, Labels.utf8(Labels.SEALED + itemId), teamAad(itemId, deviceId));
  }

  public static Box reply(byte[] replyPub, String itemId, String innerJson) {
    return seal(replyPub, Labels.utf8(Labels.REPLY + itemId), replyAad(itemId), innerJson);
  }

  public static String openReply(Box box, RawKeyPair reply, String itemId) {
    return open(box, reply, Labels.utf8(Labels.REPLY + itemId), replyAad(itemId));
  }

  private static byte[] teamAad(String itemId, String deviceId) {
    return new Lp().utf8(Labels.SEALED).utf8(itemId).utf8(deviceId).toBytes();
  }

  private static byte[] replyAad(String itemId) {
    return new Lp().utf8(Labels.REPLY).utf8(itemId).toBytes();
  }

  private static Box seal(byte[] pkR, byte[] info, byte[] aad, String innerJson) {
    Hpke.Sender s = Hpke.setupBaseS(pkR, info);
    byte[] ct = s.context().seal(aad, Padding.pad(innerJson.getBytes(StandardCharsets.UTF_8)));
    return new Box(B64u.encode(s.enc()), B64u.encode(ct));
  }

  private static String open(Box box, RawKeyPair recipient, byte[] info, byte[] aad) {
    Hpke.Context ctx = Hpke.setupBaseR(B64u.decode(box.enc(), Hpke.ENC_BYTES), recipient, info);
    return new String(Padding.unpad(ctx.open(aad, B64u.decode(box.ct()))), StandardCharsets.UTF_8);
  }
}
