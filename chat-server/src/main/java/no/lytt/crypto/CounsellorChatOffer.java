package no.lytt.crypto;

import java.security.SecureRandom;

/**
 * The counsellor's half of the live-chat handshake (docs/crypto.md, steps 1 and 3).
 *
 * <p>{@link #create} makes a fresh X25519 chat key and chatId and signs them with the device's
 * identity key; the console sends {@link #chatId()}, {@link #chatPub()} and {@link #chatKeySig()}
 * in its {@code accept} frame. When the visitor's {@code enc} arrives, {@link #accept} runs
 * {@code SetupBaseR} and returns the chat's {@link ChatCipher}. The offer is single-use: accept
 * (successful or not) zeroes the chat private key, so a second {@code enc} for the same chat, from
 * a confused or hostile server, can never open a second session under the same key.
 */
public final class CounsellorChatOffer {
  private final String chatId;
  private final RawKeyPair chatKey;
  private final byte[] chatKeySig;
  private boolean used;

  private CounsellorChatOffer(String chatId, RawKeyPair chatKey, byte[] chatKeySig) {
    this.chatId = chatId;
    this.chatKey = chatKey;
    this.chatKeySig = chatKeySig;
  }

  public static CounsellorChatOffer create(DeviceKeys device, SecureRandom random) {
    return create(device, ChatId.random(random), X25519.generate(random));
  }

  /** With a fixed chatId and chat key: test vectors only. */
  static CounsellorChatOffer create(DeviceKeys device, String chatId, RawKeyPair chatKey) {
    if (!ChatId.isValid(chatId)) {
      throw new IllegalArgumentException("chatId must be 16 bytes as base64url");
    }
    byte[] sig = ChatKeySignature.sign(device, chatId, chatKey.publicKey());
    return new CounsellorChatOffer(chatId, chatKey, sig);
  }

  public String chatId() {
    return chatId;
  }

  public byte[] chatPub() {
    return chatKey.publicKey();
  }

  public byte[] chatKeySig() {
    return chatKeySig.clone();
  }

  /**
   * Completes the handshake with the visitor's {@code enc}.
   *
   * @throws CryptoException       {@link CryptoException.Reason#BAD_KEY} for a malformed or
   *                               low-order {@code enc}
   * @throws IllegalStateException if the offer was already used or destroyed
   */
  public synchronized ChatCipher accept(byte[] enc) {
    if (used) {
      throw new IllegalStateException("chat offer already used");
    }
    used = true;
    try {
      Hpke.Context hpke = Hpke.setupBaseR(enc, chatKey, Labels.chatInfo(chatId));
      return ChatCipher.fromHpke(hpke, chatId, ChatCipher.Role.COUNSELLOR);
    } finally {
      chatKey.destroy();
    }
  }

  /** Drops an offer that will not be accepted (visitor gone, chat cancelled). */
  public synchronized void destroy() {
    used = true;
    chatKey.destroy();
  }
}
