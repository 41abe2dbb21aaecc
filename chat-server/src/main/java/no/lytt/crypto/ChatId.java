package no.lytt.crypto;

import java.security.SecureRandom;

/**
 * Chat identifiers: 16 random bytes as 22 base64url characters, chosen by the counsellor's device
 * so that the chat key signature can bind them before the server has seen the chat.
 */
public final class ChatId {
  public static final int BYTES = 16;

  private ChatId() {
  }

  public static String random(SecureRandom random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return B64u.encode(b);
  }

  /** True for exactly the canonical base64url spelling of 16 bytes. */
  public static boolean isValid(String chatId) {
    if (chatId == null || chatId.length() != 22) {
      return false;
    }
    try {
      B64u.decode(chatId, BYTES);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
