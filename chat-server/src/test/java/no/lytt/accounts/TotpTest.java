package no.lytt.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {
  private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void codesMatchTheSha1VectorsOfRfc6238() {
    assertEquals("94287082", Totp.code(RFC_KEY, 59 / 30, 8));
    assertEquals("07081804", Totp.code(RFC_KEY, 1111111109L / 30, 8));
    assertEquals("14050471", Totp.code(RFC_KEY, 1111111111L / 30, 8));
    assertEquals("89005924", Totp.code(RFC_KEY, 1234567890L / 30, 8));
    assertEquals("69279037", Totp.code(RFC_KEY, 2000000000L / 30, 8));
    assertEquals("65353130", Totp.code(RFC_KEY, 20000000000L / 30, 8));
  }

  @Test
  void aCodeFromTheAppIsAcceptedOnceAndOneStepEitherSideOfNow() {
    String secret = Totp.newSecret(new SecureRandom());
    Instant now = Instant.parse("2026-11-23T19:00:10Z");
    long step = Totp.step(now);
    String code = Totp.code(Base32.decode(secret), step, 6);

    OptionalLong used = Totp.verify(secret, code, now, 0);
    assertEquals(OptionalLong.of(step), used);
    assertTrue(Totp.verify(secret, code, now, used.getAsLong()).isEmpty(), "never twice");
    assertEquals(OptionalLong.of(step), Totp.verify(secret, code, now.plusSeconds(30), 0), "a clock a step behind");
    assertTrue(Totp.verify(secret, code, now.plusSeconds(90), 0).isEmpty(), "too old");
  }

  @Test
  void malformedCodesAreRefused() {
    String secret = Totp.newSecret(new SecureRandom());
    Instant now = Instant.now();
    for (String bad : new String[] {null, "", "12345", "1234567", "12345a", " 123456"}) {
      assertTrue(Totp.verify(secret, bad, now, 0).isEmpty(), String.valueOf(bad));
    }
  }

  @Test
  void theEnrolmentLinkNamesIssuerAccountAndSecret() {
    assertEquals("otpauth://totp/Lytt:kari%20n?secret=ABC&issuer=Lytt&algorithm=SHA1&digits=6&period=30",
        Totp.enrolmentUri("Lytt", "kari n", "ABC"));
  }
}
