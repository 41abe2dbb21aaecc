package no.lytt.crypto;

import static no.lytt.crypto.ChatHandshakeTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Message frames: any message round-trips; replay, reorder, gaps, tampering and cross-chat fail. */
class ChatCipherTest {
  private final ChatCipher[] pair = ChatHandshakeTest.pair();
  private final ChatCipher visitor = pair[0];
  private final ChatCipher counsellor = pair[1];

  @Test
  void anyMessageRoundTripsOrIsRefusedAsTooLong() {
    Random random = new Random(20261123L);
    int roundTrips = 0;
    int tooLong = 0;
    for (int i = 0; i < 300; i++) {
      String text = randomText(random, random.nextInt(4001));
      byte[] inner = ("{\"t\":\"text\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
      ChatCipher from = i % 2 == 0 ? visitor : counsellor;
      ChatCipher to = i % 2 == 0 ? counsellor : visitor;
      if (inner.length > Padding.MAX_INNER) {
        assertRefused("too_long", () -> from.seal(inner));
        tooLong++;
        continue;
      }
      ChatCipher.Sealed sealed = from.seal(inner);
      assertEquals(Padding.paddedLength(inner.length) + 16, sealed.ct().length);
      assertArrayEquals(inner, to.open(sealed.seq(), sealed.ct()), "message " + i);
      roundTrips++;
    }
    // 4000 characters of 3-byte script do not fit 8188 bytes: docs/crypto.md's two limits meet.
    assertEquals(true, roundTrips > 200 && tooLong > 10, roundTrips + " / " + tooLong);
  }

  @Test
  void sequenceNumbersStartAtOneAndCountPerDirection() {
    assertEquals(1, visitor.seal(msg("a")).seq());
    assertEquals(2, visitor.seal(msg("b")).seq());
    assertEquals(1, counsellor.seal(msg("c")).seq());
    assertEquals(3, visitor.nextSendSeq());
    assertEquals(1, counsellor.expectedReceiveSeq());
  }

  @Test
  void replayReorderAndGapsAreRefusedWithoutLosingPlace() {
    ChatCipher.Sealed one = visitor.seal(msg("1"));
    ChatCipher.Sealed two = visitor.seal(msg("2"));
    ChatCipher.Sealed three = visitor.seal(msg("3"));
    assertRefused("bad_sequence", () -> counsellor.open(two.seq(), two.ct()));
    assertRefused("bad_sequence", () -> counsellor.open(three.seq(), three.ct()));
    counsellor.open(one.seq(), one.ct());
    assertRefused("bad_sequence", () -> counsellor.open(one.seq(), one.ct()));
    assertRefused("bad_tag", () -> counsellor.open(2, three.ct()));
    assertEquals("2", text(counsellor.open(two.seq(), two.ct())));
    assertEquals("3", text(counsellor.open(three.seq(), three.ct())));
  }

  @Test
  void everyFlippedBitIsRefused() {
    ChatCipher.Sealed sealed = visitor.seal(msg("hei"));
    byte[] ct = sealed.ct();
    for (int bit = 0; bit < ct.length * 8; bit += 13) {
      byte[] flipped = ct.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRefused("bad_tag", () -> counsellor.open(1, flipped));
    }
    assertRefused("bad_tag", () -> counsellor.open(1, java.util.Arrays.copyOf(ct, 15)));
    assertEquals("hei", text(counsellor.open(1, ct)));
  }

  @Test
  void ownFramesDoNotOpenAsPeerFrames() {
    ChatCipher.Sealed sealed = visitor.seal(msg("echo"));
    assertRefused("bad_tag", () -> visitor.open(sealed.seq(), sealed.ct()));
  }

  @Test
  void framesFromAnotherChatAreRefused() {
    ChatCipher[] other = ChatHandshakeTest.pair();
    ChatCipher.Sealed sealed = other[0].seal(msg("elsewhere"));
    assertRefused("bad_tag", () -> counsellor.open(sealed.seq(), sealed.ct()));
  }

  @Test
  void sameKeysButAnotherChatIdInTheAadIsRefused() {
    byte[] key = new byte[32];
    byte[] padded = Padding.pad(msg("x"));
    byte[] ct = MessageFrame.seal(key, "AAAAAAAAAAAAAAAAAAAAAA", 1, 1, padded);
    assertArrayEquals(padded, MessageFrame.open(key, "AAAAAAAAAAAAAAAAAAAAAA", 1, 1, ct));
    assertRefused("bad_tag", () -> MessageFrame.open(key, "AAAAAAAAAAAAAAAAAAAAAQ", 1, 1, ct));
    assertRefused("bad_tag", () -> MessageFrame.open(key, "AAAAAAAAAAAAAAAAAAAAAA", 2, 1, ct));
  }

  @Test
  void oversizedFramesAreRefusedBeforeDecrypting() {
    assertRefused("bad_padding", () -> counsellor.open(1, new byte[8192 + 16 + 1]));
  }

  @Test
  void destroyedCipherRefusesWork() {
    visitor.destroy();
    assertThrows(IllegalStateException.class, () -> visitor.seal(msg("x")));
    assertThrows(IllegalStateException.class, () -> visitor.open(1, new byte[300]));
  }

  private static byte[] msg(String text) {
    return ("{\"t\":\"text\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] inner) {
    String s = new String(inner, StandardCharsets.UTF_8);
    return s.substring(s.indexOf("\"text\":\"") + 8, s.length() - 2);
  }

  /**
   * Text of ASCII, 2-, 3- or 4-byte UTF-8 (surrogate pairs), one script or all mixed, without JSON
   * specials.
   */
  private static String randomText(Random random, int chars) {
    StringBuilder sb = new StringBuilder();
    int script = random.nextInt(5);
    while (sb.length() < chars) {
      int kind = script < 4 ? script : random.nextInt(4);
      int cp = switch (kind) {
        case 0 -> 0x20 + random.nextInt(0x5f);
        case 1 -> 0xa0 + random.nextInt(0x700);
        case 2 -> 0x3000 + random.nextInt(0xa000);
        default -> 0x1f300 + random.nextInt(0x300);
      };
      if (cp == '"' || cp == '\\' || (cp >= 0xd800 && cp <= 0xdfff)) {
        continue;
      }
      if (Character.charCount(cp) + sb.length() > chars) {
        break;
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }
}
