package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EncodingTest {
  @Test
  void base64urlRoundTripsEveryLength() {
    Random random = new Random(7);
    for (int n = 0; n < 100; n++) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      String text = B64u.encode(bytes);
      assertEquals(-1, text.indexOf('='));
      assertArrayEquals(bytes, B64u.decode(text));
    }
    assertEquals("-_8", B64u.encode(new byte[] {(byte) 0xfb, (byte) 0xff}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AA==", "AA=", "A", "AAAAA", "+w", "/w", "AA A", "AA\n", "ÅA", "AB", "A=AA", "AA=A", "AAA=AAAA"})
  void base64urlRefusesPaddingForeignCharactersImpossibleLengthsAndNonCanonicalBits(String text) {
    assertThrows(IllegalArgumentException.class, () -> B64u.decode(text));
  }

  @Test
  void base64urlChecksFixedLengths() {
    assertEquals(32, B64u.decode(B64u.encode(new byte[32]), 32).length);
    assertThrows(IllegalArgumentException.class, () -> B64u.decode(B64u.encode(new byte[31]), 32));
    assertThrows(IllegalArgumentException.class, () -> B64u.decode(null));
  }

  @Test
  void integersAreUnsignedBigEndian() {
    assertEquals("0102", hex(Lp.u16(0x0102)));
    assertEquals("ffffffff", hex(Lp.u32(0xFFFF_FFFFL)));
    assertEquals("000000006b05a880", hex(Lp.u64(1795532928L)));
    assertEquals("7fffffffffffffff", hex(Lp.u64(Long.MAX_VALUE)));
    assertThrows(IllegalArgumentException.class, () -> Lp.u16(0x10000));
    assertThrows(IllegalArgumentException.class, () -> Lp.u32(-1));
    assertThrows(IllegalArgumentException.class, () -> Lp.u32(0x1_0000_0000L));
    assertThrows(IllegalArgumentException.class, () -> Lp.u64(-1));
  }

  @Test
  void lpPrefixesEachFieldWithItsLength() {
    assertEquals("0000", hex(Lp.lp(new byte[0])));
    byte[] built = new Lp().utf8("ab").field(new byte[] {(byte) 0xff}).u32Field(2).u64Field(3)
        .utf8("").toBytes();
    assertEquals("00026162" + "0001ff" + "000400000002" + "00080000000000000003" + "0000",
        hex(built));
    assertEquals("0002c3a5", hex(new Lp().utf8("å").toBytes()));
  }

  @Test
  void lpRefusesFieldsLongerThanItsPrefixCanSay() {
    assertEquals(2 + 0xFFFF, Lp.lp(new byte[0xFFFF]).length);
    assertThrows(IllegalArgumentException.class, () -> Lp.lp(new byte[0x10000]));
  }

  @Test
  void differentFieldListsNeverConcatenateToTheSameBytes() {
    byte[] a = new Lp().utf8("ab").utf8("c").toBytes();
    byte[] b = new Lp().utf8("a").utf8("bc").toBytes();
    assertEquals(false, java.util.Arrays.equals(a, b));
  }
}
