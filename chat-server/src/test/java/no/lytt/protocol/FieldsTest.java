package no.lytt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class FieldsTest {
  private static Fields of(String json) {
    return new Fields(new JsonObject(json));
  }

  private static ErrorCode codeOf(Runnable r) {
    return assertThrows(LyttException.class, r::run).code();
  }

  @Test
  void aFrameWithoutTypeIsAnUnknownType() {
    assertEquals(ErrorCode.UNKNOWN_TYPE, codeOf(() -> of("{}").type()));
    assertEquals(ErrorCode.UNKNOWN_TYPE, codeOf(() -> of("{\"type\":5}").type()));
  }

  @Test
  void base64urlFieldsMustHaveTheExactLength() {
    String key32 = "A".repeat(43);
    assertEquals(key32, of("{\"k\":\"" + key32 + "\"}").b64u("k", 32));
    assertEquals(ErrorCode.BAD_FRAME, codeOf(() -> of("{\"k\":\"" + "A".repeat(42) + "\"}").b64u("k", 32)));
    assertEquals(ErrorCode.BAD_FRAME, codeOf(() -> of("{\"k\":\"" + "A".repeat(42) + "=\"}").b64u("k", 32)));
    assertEquals(ErrorCode.BAD_FRAME, codeOf(() -> of("{\"k\":\"" + "+".repeat(43) + "\"}").b64u("k", 32)));
  }

  /**
   * Counted without decoding, the length must agree with the JDK's decoder on every canonical
   * input; anything else, a non-canonical last character included, is no base64url at all.
   */
  @Test
  void base64urlLengthsAreCountedAsTheDecoderWouldDecodeThem() {
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n <= 40; n++) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      assertEquals(n, no.lytt.crypto.B64u.decodedLength(encoded), encoded);
    }
    for (String bad : new String[] {"A", "AAAAA", "AB", "AAB", "AB+C", "AB/C", "AB=C", "AB C", "ÆØÅA", "AB\u0000C"}) {
      assertEquals(-1, no.lytt.crypto.B64u.decodedLength(bad), bad);
    }
  }

  @Test
  void sequenceNumbersArePositiveIntegers() {
    assertEquals(7, of("{\"seq\":7}").positiveLong("seq"));
    assertEquals(ErrorCode.BAD_FRAME, codeOf(() -> of("{\"seq\":0}").positiveLong("seq")));
    assertEquals(ErrorCode.BAD_FRAME, codeOf(() -> of("{\"seq\":-1}").positiveLong("seq")));
    assertEquals(ErrorCode.BAD_FRAME, codeOf(() -> of("{\"seq\":1.5}").positiveLong("seq")));
    assertEquals(ErrorCode.BAD_FRAME, codeOf(() -> of("{\"seq\":\"1\"}").positiveLong("seq")));
  }

  @Test
  void theErrorNamesTheField() {
    LyttException e = assertThrows(LyttException.class, () -> of("{}").string("chatId", 64));
    assertEquals("Field 'chatId' must be a string of 1-64 characters.", e.getMessage());
  }
}
