package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HpkeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] INFO = "lytt/chat/v1AAAAAAAAAAAAAAAAAAAAAA".getBytes();

  @Test
  void senderAndRecipientAgree() {
    RawKeyPair recipient = X25519.generate(RANDOM);
    Hpke.Sender sender = Hpke.setupBaseS(recipient.publicKey(), INFO, RANDOM);
    Hpke.Context receiver = Hpke.setupBaseR(sender.enc(), recipient, INFO);
    assertArrayEquals(sender.context().export("x".getBytes(), 32),
        receiver.export("x".getBytes(), 32));
    byte[] ct = sender.context().seal("aad".getBytes(), "hello".getBytes());
    assertArrayEquals("hello".getBytes(), receiver.open("aad".getBytes(), ct));
  }

  @Test
  void differentInfoGivesDifferentKeys() {
    RawKeyPair recipient = X25519.generate(RANDOM);
    Hpke.Sender sender = Hpke.setupBaseS(recipient.publicKey(), INFO, RANDOM);
    Hpke.Context other = Hpke.setupBaseR(sender.enc(), recipient, "other".getBytes());
    byte[] ct = sender.context().seal(new byte[0], "hello".getBytes());
    CryptoException e = assertThrows(CryptoException.class, () -> other.open(new byte[0], ct));
    assertEquals("bad_tag", e.code());
  }

  @Test
  void deriveKeyPairIsDeterministic() {
    byte[] ikm = new byte[32];
    assertArrayEquals(Hpke.deriveKeyPair(ikm).publicKey(), Hpke.deriveKeyPair(ikm).publicKey());
    RawKeyPair kp = Hpke.deriveKeyPair("token".getBytes());
    assertArrayEquals(kp.publicKey(), X25519.fromPrivate(kp.privateKey()).publicKey());
  }

  /**
   * Every u-coordinate that X25519 (RFC 7748: bit 255 masked, clamped scalar) maps to an all-zero
   * shared secret: the points of order 1, 2, 4 and 8, their unreduced spellings p, p - 1 and p + 1,
   * and 0 and 1 with bit 255 set. RFC 9180 §7.1.4 requires aborting, on the sender's side and on
   * the recipient's. (libsodium's old blocklist also has 2p-style spellings with bit 255 set; after
   * RFC 7748's masking those are different, ordinary points, so they do not belong here.)
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0000000000000000000000000000000000000000000000000000000000000080",
      "0100000000000000000000000000000000000000000000000000000000000080"})
  void lowOrderKeysAbortBothSides(String point) {
    CryptoException s = assertThrows(CryptoException.class,
        () -> Hpke.setupBaseS(hex(point), INFO, RANDOM));
    assertEquals(CryptoException.Reason.BAD_KEY, s.reason());
    CryptoException r = assertThrows(CryptoException.class,
        () -> Hpke.setupBaseR(hex(point), X25519.generate(RANDOM), INFO));
    assertEquals(CryptoException.Reason.BAD_KEY, r.reason());
  }

  @Test
  void wrongLengthKeysAreBadKeys() {
    RawKeyPair recipient = X25519.generate(RANDOM);
    assertEquals("bad_key", assertThrows(CryptoException.class,
        () -> Hpke.setupBaseS(new byte[31], INFO, RANDOM)).code());
    assertEquals("bad_key", assertThrows(CryptoException.class,
        () -> Hpke.setupBaseR(new byte[33], recipient, INFO)).code());
    assertEquals("bad_key", assertThrows(CryptoException.class,
        () -> Hpke.setupBaseS(null, INFO, RANDOM)).code());
  }
}
