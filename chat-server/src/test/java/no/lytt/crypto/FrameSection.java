package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The "frames" section of lytt-v1.json and the frame-level negative cases. */
final class FrameSection {
  /** One conversation, in sending order: (direction, inner JSON). */
  static final Object[][] CONVERSATION = {
      {1, "{\"t\":\"text\",\"text\":\"Hei, jeg lurer på noe.\"}"},
      {2, "{\"t\":\"text\",\"text\":\"Hei! Så fint at du tok kontakt. Hva lurer du på?\"}"},
      {1, "{\"t\":\"text\",\"text\":\"Ikke så lett å si 🙂 \\\"sitat\\\" og æøå\"}"},
      {2, "{\"t\":\"text\",\"text\":\"" + "Det er helt i orden å ta den tiden du trenger. "
          .repeat(6) + "\"}"},
      {1, "{\"t\":\"end\"}"}};
  private static final String OTHER_CHAT_ID = "AAAAAAAAAAAAAAAAAAAAAA";

  private final ObjectMapper json;
  private final String chatId;
  private final byte[] kVC;
  private final List<ObjectNode> sealed = new ArrayList<>();

  /** {@code kVC} seals the hand-made negative frames, which a cipher would never produce. */
  FrameSection(ObjectMapper json, String chatId, byte[] kVC) {
    this.json = json;
    this.chatId = chatId;
    this.kVC = kVC;
  }

  ArrayNode positive(ChatCipher visitor, ChatCipher counsellor) {
    ArrayNode frames = json.createArrayNode();
    for (Object[] m : CONVERSATION) {
      int direction = (Integer) m[0];
      byte[] inner = ((String) m[1]).getBytes(StandardCharsets.UTF_8);
      ChatCipher.Sealed s = (direction == 1 ? visitor : counsellor).seal(inner);
      ObjectNode f = frames.addObject();
      f.put("direction", direction).put("seq", s.seq()).put("innerUtf8", (String) m[1]);
      f.put("innerHex", hex(inner)).put("paddedLength", Padding.paddedLength(inner.length));
      f.put("nonceHex", hex(MessageFrame.nonce(direction, s.seq())));
      f.put("aadHex", hex(MessageFrame.aad(chatId, direction, s.seq())));
      f.put("paddedHex", hex(Padding.pad(inner)));
      f.put("ctB64u", s.ctB64u());
      sealed.add(f);
    }
    return frames;
  }

  /** Frame negatives; call after {@link #positive}. */
  ArrayNode negative() {
    ArrayNode out = json.createArrayNode();
    ObjectNode v1 = sealed.get(0);
    ObjectNode c1 = sealed.get(1);
    ObjectNode v2 = sealed.get(2);
    byte[] flipped = B64u.decode(v1.get("ctB64u").asText());
    flipped[0] ^= 1;
    frame(out, "flipped bit", 1, 1, 1, flipped, "bad_tag");
    frame(out, "skipped seq (a gap)", 1, 2, 1, ct(v2), "bad_sequence");
    frame(out, "replayed seq", 1, 1, 2, ct(v1), "bad_sequence");
    frame(out, "frame 1 relabelled as seq 2", 1, 2, 2, ct(v1), "bad_tag");
    frame(out, "counsellor's frame sent back as the visitor's", 1, 1, 1, ct(c1), "bad_tag");
    byte[] small = "{\"t\":\"end\"}".getBytes(StandardCharsets.UTF_8);
    frame(out, "other chatId in the AAD", 1, 1, 1,
        MessageFrame.seal(kVC, OTHER_CHAT_ID, 1, 1, Padding.pad(small)), "bad_tag");
    byte[] nonZero = Padding.pad(small);
    nonZero[nonZero.length - 1] = 1;
    frame(out, "authenticated, non-zero padding", 1, 1, 1, seal(nonZero), "bad_padding");
    byte[] prefix = Padding.pad(small);
    prefix[3] = (byte) 253;
    frame(out, "authenticated, length prefix beyond the plaintext", 1, 1, 1, seal(prefix),
        "bad_padding");
    byte[] overPadded = new byte[2 * Padding.BLOCK];
    System.arraycopy(Padding.pad(small), 0, overPadded, 0, Padding.BLOCK);
    frame(out, "authenticated, padded past the next multiple of 256", 1, 1, 1, seal(overPadded),
        "bad_padding");
    frame(out, "counsellor->visitor frame under the wrong key", 2, 1, 1,
        MessageFrame.seal(kVC, chatId, 2, 1, Padding.pad(small)), "bad_tag");
    return out;
  }

  private byte[] seal(byte[] padded) {
    return MessageFrame.seal(kVC, chatId, 1, 1, padded);
  }

  private static byte[] ct(ObjectNode frame) {
    return B64u.decode(frame.get("ctB64u").asText());
  }

  private void frame(ArrayNode out, String name, int direction, long seq, long expects,
                     byte[] ct, String error) {
    out.addObject().put("kind", "frame").put("name", name).put("direction", direction)
        .put("seq", seq).put("receiverExpectsSeq", expects).put("ctB64u", B64u.encode(ct))
        .put("expectedError", error);
  }
}
