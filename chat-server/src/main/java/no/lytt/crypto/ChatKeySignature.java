package no.lytt.crypto;

/**
 * The counsellor device's signature over a chat key (handshake step 1):
 * {@code chatKeyBytes = lp("lytt/chat/v1") || lp(chatId) || lp(chatPub) || lp(deviceId)}.
 *
 * <p>Binding the chatId stops a server from replaying an old chat key into a new chat; binding the
 * deviceId ties the key to the certificate the visitor checks, so a valid signature by one device
 * cannot be presented with another device's certificate.
 */
public final class ChatKeySignature {
  private ChatKeySignature() {
  }

  public static byte[] bytesToSign(String chatId, byte[] chatPub, String deviceId) {
    return new Lp().utf8(Labels.CHAT).utf8(chatId).field(chatPub).utf8(deviceId).toBytes();
  }

  public static byte[] sign(DeviceKeys device, String chatId, byte[] chatPub) {
    return device.sign(bytesToSign(chatId, chatPub, device.deviceId()));
  }

  /** True only if {@code sig} is the device's signature over this chat's key. */
  public static boolean verify(byte[] idPub, String deviceId, String chatId, byte[] chatPub,
                               byte[] sig) {
    try {
      return Ed25519.verify(idPub, bytesToSign(chatId, chatPub, deviceId), sig);
    } catch (IllegalArgumentException tooLong) {
      return false;
    }
  }
}
