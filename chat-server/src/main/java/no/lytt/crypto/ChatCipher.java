package no.lytt.crypto;

import java.util.Arrays;

/**
 * One side's keys of one live chat: seals outgoing frames with the next sequence number and opens
 * incoming ones strictly in order (docs/crypto.md, "Message frames").
 *
 * <p>Made by the handshake ({@link VisitorHandshake}, {@link CounsellorChatOffer#accept}) from the
 * HPKE exports {@code kVC}, {@code kCV} and {@code safety}; the HPKE context is dropped right
 * after. The receiver accepts only {@code seq == expected}: a replayed, reordered or skipped frame
 * is {@link CryptoException.Reason#BAD_SEQUENCE} and does not move the expectation, so the
 * transport can resume and get the right frame. A frame that fails authentication is
 * {@link CryptoException.Reason#BAD_TAG} and also leaves the state untouched.
 *
 * <p>Keys live only in this object, in memory; {@link #destroy()} zeroes them when the chat ends
 * and drops the ciphers kept for them (the JDK's copies inside cannot be zeroed from here; after
 * {@code destroy} they are unreachable, as a fresh cipher per message would leave them).
 * Methods are synchronized so a transport may seal and open from different threads.
 */
public final class ChatCipher {
  /** The two directions; the numbers are in every nonce and AAD. */
  public enum Direction {
    VISITOR_TO_COUNSELLOR(1), COUNSELLOR_TO_VISITOR(2);

    private final int wire;

    Direction(int wire) {
      this.wire = wire;
    }

    public int wire() {
      return wire;
    }
  }

  /** Which end of the chat this cipher belongs to. */
  public enum Role {
    VISITOR, COUNSELLOR;

    Direction sends() {
      return this == VISITOR ? Direction.VISITOR_TO_COUNSELLOR : Direction.COUNSELLOR_TO_VISITOR;
    }

    Direction receives() {
      return this == VISITOR ? Direction.COUNSELLOR_TO_VISITOR : Direction.VISITOR_TO_COUNSELLOR;
    }
  }

  /** A sealed frame: what goes into a {@code msg} frame as {@code seq} and {@code ct}. */
  public record Sealed(long seq, byte[] ct) {
    public Sealed {
      ct = ct.clone();
    }

    @Override
    public byte[] ct() {
      return ct.clone();
    }

    public String ctB64u() {
      return B64u.encode(ct);
    }
  }

  private final String chatId;
  private final Role role;
  private final byte[] sendKey;
  private final byte[] receiveKey;
  private final String safetyCode;
  private AesGcm.Keyed sealer;
  private AesGcm.Keyed opener;
  private long nextSend = 1;
  private long expectedReceive = 1;
  private boolean destroyed;

  private ChatCipher(String chatId, Role role, byte[] kVC, byte[] kCV, String safetyCode) {
    this.chatId = chatId;
    this.role = role;
    this.sendKey = role == Role.VISITOR ? kVC : kCV;
    this.receiveKey = role == Role.VISITOR ? kCV : kVC;
    this.safetyCode = safetyCode;
    this.sealer = new AesGcm.Keyed(sendKey);
    this.opener = new AesGcm.Keyed(receiveKey);
  }

  /** Exports the chat keys from a completed HPKE setup (step 4 of the handshake). */
  static ChatCipher fromHpke(Hpke.Context hpke, String chatId, Role role) {
    byte[] kVC = hpke.export(Labels.utf8(Labels.EXPORT_VISITOR_TO_COUNSELLOR), 32);
    byte[] kCV = hpke.export(Labels.utf8(Labels.EXPORT_COUNSELLOR_TO_VISITOR), 32);
    byte[] safety = hpke.export(Labels.utf8(Labels.EXPORT_SAFETY), 4);
    return new ChatCipher(chatId, role, kVC, kCV, SafetyCode.format(safety));
  }

  /** Seals an inner UTF-8 JSON message ({@code {"t":"text",...}} or {@code {"t":"end"}}). */
  public synchronized Sealed seal(byte[] innerUtf8Json) {
    checkLive();
    byte[] padded = Padding.pad(innerUtf8Json);
    long seq = nextSend;
    byte[] ct = MessageFrame.seal(sealer, chatId, role.sends().wire(), seq, padded);
    nextSend++;
    return new Sealed(seq, ct);
  }

  /**
   * Opens the next incoming frame and returns its inner UTF-8 JSON.
   *
   * @throws CryptoException {@code bad_sequence}, {@code bad_tag} or {@code bad_padding}; the
   *                         expected sequence number moves only on success
   */
  public synchronized byte[] open(long seq, byte[] ct) {
    checkLive();
    if (seq != expectedReceive) {
      throw new CryptoException(CryptoException.Reason.BAD_SEQUENCE,
          "expected seq " + expectedReceive + ", got " + seq);
    }
    if (ct.length > Padding.MAX_PADDED + AesGcm.TAG_BYTES) {
      throw new CryptoException(CryptoException.Reason.BAD_PADDING, "frame too large");
    }
    byte[] padded = MessageFrame.open(opener, chatId, role.receives().wire(), seq, ct);
    byte[] inner = Padding.unpad(padded);
    expectedReceive++;
    return inner;
  }

  /** The six-digit safety code, e.g. {@code "123 456"}; the same on both sides of one chat. */
  public String safetyCode() {
    return safetyCode;
  }

  public String chatId() {
    return chatId;
  }

  public Role role() {
    return role;
  }

  /** The seq the next {@link #seal} will use. */
  public synchronized long nextSendSeq() {
    return nextSend;
  }

  /** The seq {@link #open} accepts next; {@code expected - 1} is the {@code lastSeq} to resume. */
  public synchronized long expectedReceiveSeq() {
    return expectedReceive;
  }

  /** Zeroes both keys; the cipher refuses all further use. */
  public synchronized void destroy() {
    Arrays.fill(sendKey, (byte) 0);
    Arrays.fill(receiveKey, (byte) 0);
    sealer = null;
    opener = null;
    destroyed = true;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("chat keys were destroyed");
    }
  }
}
