package no.lytt.crypto;

import static no.lytt.crypto.VectorFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Ed25519Test {
  /** RFC 8032 §7.1, TEST 1 (empty message). */
  private static final String SEED =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String PUB =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String SIG =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
          + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  @Test
  void matchesRfc8032() {
    RawKeyPair kp = Ed25519.fromSeed(hex(SEED));
    assertEquals(PUB, hex(kp.publicKey()));
    assertEquals(SIG, hex(Ed25519.sign(kp.privateKey(), new byte[0])));
    assertTrue(Ed25519.verify(hex(PUB), new byte[0], hex(SIG)));
  }

  @Test
  void signsAndVerifiesRandomKeys() {
    RawKeyPair kp = Ed25519.generate(new SecureRandom());
    byte[] msg = "lytt".getBytes();
    byte[] sig = Ed25519.sign(kp.privateKey(), msg);
    assertTrue(Ed25519.verify(kp.publicKey(), msg, sig));
    assertArrayEquals(sig, Ed25519.sign(kp.privateKey(), msg), "deterministic");
  }

  @Test
  void verifyAnswersFalseAndNeverThrowsForBadInput() {
    byte[] pub = hex(PUB);
    byte[] sig = hex(SIG);
    byte[] other = Ed25519.generate(new SecureRandom()).publicKey();
    assertFalse(Ed25519.verify(pub, new byte[] {0}, sig), "other message");
    assertFalse(Ed25519.verify(other, new byte[0], sig), "other key");
    for (int bit = 0; bit < 512; bit += 7) {
      byte[] flipped = sig.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(Ed25519.verify(pub, new byte[0], flipped), "flipped bit " + bit);
    }
    byte[] bigS = sig.clone();
    bigS[63] |= (byte) 0xf0; // S >= L: non-canonical, must be refused
    assertFalse(Ed25519.verify(pub, new byte[0], bigS));
    assertFalse(Ed25519.verify(new byte[32], new byte[0], sig), "all-zero key");
    byte[] notAPoint = new byte[32];
    java.util.Arrays.fill(notAPoint, (byte) 0xff);
    assertFalse(Ed25519.verify(notAPoint, new byte[0], sig));
    assertFalse(Ed25519.verify(new byte[31], new byte[0], sig));
    assertFalse(Ed25519.verify(pub, new byte[0], new byte[63]));
    assertFalse(Ed25519.verify(null, new byte[0], sig));
    assertFalse(Ed25519.verify(pub, null, sig));
    assertFalse(Ed25519.verify(pub, new byte[0], null));
  }
}
