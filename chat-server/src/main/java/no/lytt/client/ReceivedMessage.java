package no.lytt.client;

/**
 * A decrypted message from the peer.
 *
 * @param kind {@code "text"} or {@code "end"} (the peer's encrypted end marker)
 * @param text the text for {@code "text"}, null for {@code "end"}
 */
public record ReceivedMessage(String chatId, long seq, String kind, String text) {
  public boolean isEnd() {
    return "end".equals(kind);
  }
}
