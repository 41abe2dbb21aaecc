package no.lytt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PaddingTest {
  @Test
  void padsToTheNextMultipleOf256IncludingTheLengthPrefix() {
    assertEquals(256, Padding.pad(new byte[0]).length);
    assertEquals(256, Padding.pad(new byte[252]).length);
    assertEquals(512, Padding.pad(new byte[253]).length);
    assertEquals(8192, Padding.pad(new byte[Padding.MAX_INNER]).length);
    byte[] padded = Padding.pad(new byte[] {1, 2, 3});
    assertEquals("00000003010203", VectorFiles.hex(padded).substring(0, 14));
    assertArrayEquals(new byte[] {1, 2, 3}, Padding.unpad(padded));
  }

  @Test
  void tooLongIsRefusedBeforeSealing() {
    CryptoException e = assertThrows(CryptoException.class,
        () -> Padding.pad(new byte[Padding.MAX_INNER + 1]));
    assertEquals("too_long", e.code());
  }

  @Test
  void unpadRefusesEveryMalformedPlaintext() {
    byte[] nonZero = Padding.pad(new byte[] {1});
    nonZero[255] = 1;
    byte[] prefixTooBig = Padding.pad(new byte[] {1});
    prefixTooBig[3] = (byte) 253;
    byte[] overPadded = new byte[512];
    overPadded[3] = 1;
    for (byte[] bad : new byte[][] {nonZero, prefixTooBig, overPadded, new byte[255],
        new byte[0], new byte[8192 + 256], new byte[300]}) {
      assertEquals("bad_padding",
          assertThrows(CryptoException.class, () -> Padding.unpad(bad)).code());
    }
  }
}
