package no.lytt.client;

/**
 * A decrypted message from the peer.
 *
 * @param kind {@code "text"}, {@code "card"} or {@code "end"} (the peer's encrypted end marker)
 * @param text the text for {@code "text"}, null otherwise
 * @param card the referral card for {@code "card"}, null otherwise
 */
public record ReceivedMessage(String chatId, long seq, String kind, String text, ReferralCard card) {
  public boolean isEnd() {
    return "end".equals(kind);
  }
}
