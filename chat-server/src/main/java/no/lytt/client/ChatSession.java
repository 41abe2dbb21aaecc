package no.lytt.client;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import no.lytt.crypto.B64u;
import no.lytt.crypto.ChatCipher;
import no.lytt.crypto.CryptoException;
import no.lytt.protocol.FrameText;

/**
 * One chat on one side: its {@link ChatCipher} plus what resume needs, the envelopes sent but not
 * yet {@code delivered}. Re-sending after a reconnect replays these exact ciphertexts (never
 * re-seals), so the peer's strict sequence check sees each message once.
 */
public final class ChatSession {
  /** A sealed message as it travels in a {@code msg} frame. */
  public record Envelope(String chatId, long seq, String ct) {
    JsonObject toFrame() {
      return new JsonObject().put("type", "msg").put("chatId", chatId).put("seq", seq)
          .put("ct", ct);
    }
  }

  private final String chatId;
  private final ChatCipher cipher;
  private final NavigableMap<Long, Envelope> unacked = new TreeMap<>();
  private boolean ended;

  ChatSession(String chatId, ChatCipher cipher) {
    this.chatId = chatId;
    this.cipher = cipher;
  }

  public String chatId() {
    return chatId;
  }

  /** The safety code the two sides may compare, e.g. {@code "123 456"}. */
  public String safetyCode() {
    return cipher.safetyCode();
  }

  /** The highest peer seq opened so far: the {@code lastSeq} of a resume. */
  public synchronized long lastReceivedSeq() {
    return cipher.expectedReceiveSeq() - 1;
  }

  public synchronized long lastSentSeq() {
    return cipher.nextSendSeq() - 1;
  }

  public synchronized boolean ended() {
    return ended;
  }

  /** Envelopes not yet acknowledged by the peer, oldest first. */
  public synchronized List<Envelope> unacked() {
    return List.copyOf(unacked.values());
  }

  synchronized Envelope seal(JsonObject inner) {
    if (ended) {
      throw new IllegalStateException("chat " + chatId + " has ended");
    }
    ChatCipher.Sealed sealed = cipher.seal(FrameText.of(inner).getBytes(StandardCharsets.UTF_8));
    Envelope envelope = new Envelope(chatId, sealed.seq(), sealed.ctB64u());
    unacked.put(envelope.seq(), envelope);
    return envelope;
  }

  /**
   * Opens a peer envelope. Returns null for a duplicate (a seq already opened, as a re-send after
   * resume may bring); throws for a gap, a failed tag or bad padding.
   */
  synchronized ReceivedMessage open(long seq, String ct) {
    if (ended) {
      return null;
    }
    if (seq < cipher.expectedReceiveSeq()) {
      return null;
    }
    byte[] ciphertext;
    try {
      ciphertext = B64u.decode(ct);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(CryptoException.Reason.BAD_TAG, "ct is not base64url");
    }
    byte[] inner = cipher.open(seq, ciphertext);
    JsonObject json;
    try {
      json = new JsonObject(new String(inner, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new CryptoException(CryptoException.Reason.MALFORMED, "inner message is not JSON");
    }
    String kind = json.getValue("t") instanceof String k ? k : null;
    String text = "text".equals(kind) ? json.getString("text") : null;
    ReferralCard card = "card".equals(kind) ? ReferralCard.fromInner(json) : null;
    return new ReceivedMessage(chatId, seq, kind, text, card);
  }

  /** The peer acknowledged everything up to {@code seq}. */
  synchronized void delivered(long seq) {
    unacked.headMap(seq, true).clear();
  }

  synchronized List<Envelope> unackedAfter(long lastSeq) {
    return List.copyOf(unacked.tailMap(lastSeq, false).values());
  }

  /** The chat is over: the keys are zeroed and the session refuses further use. */
  synchronized void end() {
    if (!ended) {
      ended = true;
      unacked.clear();
      cipher.destroy();
    }
  }
}
