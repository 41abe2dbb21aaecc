package no.lytt.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The arithmetic of log-in throttling and the new-password rules, without a server. */
class LoginRulesTest {
  private final LoginBackoff backoff = new LoginBackoff(5, Duration.ofMinutes(1), Duration.ofMinutes(15));

  @Test
  void blocksBeginAtTheFifthAttemptAndDoubleUpToTheCap() {
    List<Long> minutes = LongStream.rangeClosed(1, 12).mapToObj(n -> backoff.blockAfter(n).toMinutes()).toList();
    assertEquals(List.of(0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 15L, 15L, 15L, 15L), minutes);
    assertEquals(Duration.ofMinutes(15), backoff.blockAfter(Long.MAX_VALUE), "no overflow, however many");
  }

  @Test
  void sprayingAddsASecondPerThresholdOfFailuresUpToTheCap() {
    Duration max = Duration.ofSeconds(10);
    assertEquals(Duration.ZERO, LoginThrottle.sprayDelay(0, 30, max));
    assertEquals(Duration.ZERO, LoginThrottle.sprayDelay(29, 30, max), "a normal evening's typos: no delay");
    assertEquals(Duration.ofSeconds(1), LoginThrottle.sprayDelay(30, 30, max));
    assertEquals(Duration.ofSeconds(3), LoginThrottle.sprayDelay(99, 30, max));
    assertEquals(max, LoginThrottle.sprayDelay(1_000_000, 30, max), "slowed, never shut out");
    assertEquals(Duration.ZERO, LoginThrottle.sprayDelay(1_000_000, 30, Duration.ZERO), "0 turns it off");
  }

  @Test
  void aNewPasswordNeedsTwelveCharactersAndMustDifferFromTheCurrentOne() {
    assertTrue(Passwords.weakness("elleve-tegn", "current-password").isPresent(), "11 characters");
    assertTrue(Passwords.weakness("tolv-tegn-ok", "current-password").isEmpty());
    assertTrue(Passwords.weakness("current-password", "current-password").isPresent());
    // "blåbærsyltetøy" typed with combining accents is the same password as the composed one.
    assertTrue(Passwords.weakness("bla\u030Aba\u0308rsyltetøy", "bl\u00e5b\u00e4rsyltetøy").isPresent());
    // Twelve characters that take more than twelve UTF-16 units count as twelve, not more.
    assertTrue(Passwords.weakness("\uD83D\uDD11".repeat(11), "current-password").isPresent(), "11 emoji");
    assertTrue(Passwords.weakness("\uD83D\uDD11".repeat(12), "current-password").isEmpty(), "12 emoji");
    assertTrue(Passwords.weakness("x".repeat(Passwords.MAX_LENGTH + 1), "current-password").isPresent());
  }
}
