package no.lytt.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Every domain-separation label of docs/crypto.md in one place, so a reviewer can see at a glance
 * that no two signed or derived byte strings share a label. Changing one is a protocol version
 * change: the browser and the vector files must change with it.
 */
final class Labels {
  static final String DEVICE = "lytt/device/v1";
  static final String CERT = "lytt/cert/v1";
  static final String CHAT = "lytt/chat/v1";
  static final String MSG = "lytt/msg/v1";
  static final String EXPORT_VISITOR_TO_COUNSELLOR = "lytt/chat/v1 visitor->counsellor";
  static final String EXPORT_COUNSELLOR_TO_VISITOR = "lytt/chat/v1 counsellor->visitor";
  static final String EXPORT_SAFETY = "lytt/chat/v1 safety code";
  static final String ORG_KEY_FILE = "lytt/org-key/v1";
  static final String SEALED = "lytt/sealed/v1";
  static final String REPLY = "lytt/reply/v1";
  static final String CODE_LOOKUP = "lytt/code/v1 lookup";
  static final String CODE_REPLY = "lytt/code/v1 reply";

  private Labels() {
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * HPKE {@code info} of a live chat: the UTF-8 bytes of {@code "lytt/chat/v1"} followed directly
   * by those of the chatId string (no length prefix; the chatId is always 22 characters).
   */
  static byte[] chatInfo(String chatId) {
    return utf8(CHAT + chatId);
  }
}
