package no.lytt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Codes and what is derived from them; the fixed values are pinned by the browser's
 * test/unit/callback.test.mjs too, so both implementations agree byte for byte.
 */
class VisitorCodeTest {
  private static final String FIXED = "0123 4567 89AB CDEF GHJK MNPQ";

  @Test
  void aCodeReadsBackHoweverItIsTyped() {
    VisitorCode code = VisitorCode.random(new SecureRandom());
    assertEquals(code.lookup(), VisitorCode.parse(code.text().toLowerCase().replace(' ', '-')).lookup());
    assertEquals(FIXED, VisitorCode.parse("o123 4567 89ab cdef ghjk mnpq").text());
    assertThrows(CryptoException.class, () -> VisitorCode.parse("0123 4567"));
    assertThrows(CryptoException.class, () -> VisitorCode.parse("U123 4567 89AB CDEF GHJK MNPQ"));
  }

  @Test
  void lookupAndReplyKeyAreDerivedAsTheBrowserDoes() {
    VisitorCode code = VisitorCode.parse(FIXED);
    assertEquals("ErCdnkGgnDeLJVoxzhKDxCus0Jmhoo2kZxoZvUyAB-w", code.lookup());
    assertEquals("CA2JS4MnfJsAbVgkGj6jb9au9gD3Kq42uLCVOePRxS4", B64u.encode(code.replyKeyPair().publicKey()));
  }

  @Test
  void sealedItemsOpenOnlyForTheirDeviceAndItemAndRepliesWithTheCode() {
    SecureRandom random = new SecureRandom();
    DeviceKeys a = DeviceKeys.generate(random);
    DeviceKeys b = DeviceKeys.generate(random);
    Sealed.Box box = Sealed.toDevice(a.encPub(), a.deviceId(), "item-a", "{\"t\":\"callback\"}");
    assertEquals("{\"t\":\"callback\"}", Sealed.openAsDevice(box, a.encryptionKeyPair(), a.deviceId(), "item-a"));
    assertThrows(CryptoException.class, () -> Sealed.openAsDevice(box, b.encryptionKeyPair(), b.deviceId(), "item-a"));
    assertThrows(CryptoException.class, () -> Sealed.openAsDevice(box, a.encryptionKeyPair(), a.deviceId(), "item-b"));

    VisitorCode code = VisitorCode.random(random);
    Sealed.Box reply = Sealed.reply(code.replyKeyPair().publicKey(), "item-a", "{\"t\":\"reply\",\"text\":\"hei\"}");
    assertEquals("{\"t\":\"reply\",\"text\":\"hei\"}",
        Sealed.openReply(reply, VisitorCode.parse(code.text()).replyKeyPair(), "item-a"));
    assertArrayEquals(code.replyKeyPair().publicKey(), VisitorCode.parse(code.text()).replyKeyPair().publicKey());
  }
}
