package no.lytt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames written by hand must be, character for character, what Jackson would write. */
class FrameTextTest {
  private final Random random = new Random(11);

  @Test
  void aRelayedMessageIsWrittenAsJacksonWritesIt() {
    JsonObject msg = Frames.of("msg").put("chatId", "Zm9vYmFyYmF6cXV4cXV1eA").put("seq", 7L).put("ct", "AbC-_9");
    assertEquals(msg.encode(), FrameText.of(msg));
  }

  @Test
  void randomFramesWithEveryKindOfValueAndCharacterMatchJackson() {
    for (int i = 0; i < 2_000; i++) {
      JsonObject frame = object(0);
      assertEquals(frame.encode(), FrameText.of(frame));
      JsonObject parsed = new JsonObject(frame.encode());
      assertEquals(parsed.encode(), FrameText.of(parsed), "nested values as parsed maps and lists");
    }
  }

  @Test
  void valuesItDoesNotWriteItselfGoToJackson() {
    JsonObject frame = new JsonObject().put("x", 1.5).put("at", java.time.Instant.EPOCH).put("b", new byte[] {1, 2});
    assertEquals(frame.encode(), FrameText.of(frame));
  }

  @Test
  void aFrameAfterAHugeOneOrAHalfWrittenOneCarriesNothingOfIt() {
    JsonObject huge = Frames.of("msg").put("ct", "x".repeat(100_000));
    JsonObject halfWritten = new JsonObject().put("seq", 3L).put("at", java.time.Instant.EPOCH);
    JsonObject small = Frames.of("ack").put("seq", 3L);
    assertEquals(huge.encode(), FrameText.of(huge));
    assertEquals(small.encode(), FrameText.of(small));
    assertEquals(halfWritten.encode(), FrameText.of(halfWritten));
    assertEquals(small.encode(), FrameText.of(small));
  }

  private JsonObject object(int depth) {
    JsonObject o = new JsonObject();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      o.put(text(), value(depth));
    }
    return o;
  }

  private Object value(int depth) {
    return switch (random.nextInt(depth < 2 ? 8 : 6)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextInt();
      case 3 -> random.nextLong();
      case 4, 5 -> text();
      case 6 -> object(depth + 1);
      default -> {
        JsonArray a = new JsonArray();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(value(depth + 1));
        }
        yield a;
      }
    };
  }

  /** Control characters, quotes, backslashes, non-ASCII and surrogate pairs among plain letters. */
  private String text() {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      switch (random.nextInt(6)) {
        case 0 -> s.append((char) random.nextInt(0x20));
        case 1 -> s.append("\"\\/".charAt(random.nextInt(3)));
        case 2 -> s.append((char) (0x7f + random.nextInt(0x700)));
        case 3 -> s.appendCodePoint(0x1F600 + random.nextInt(50));
        default -> s.append((char) ('a' + random.nextInt(26)));
      }
    }
    return s.toString();
  }
}
