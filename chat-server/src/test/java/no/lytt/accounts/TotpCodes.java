package no.lytt.accounts;

import java.time.Instant;

/** What an authenticator app shows, for tests in other packages. */
public final class TotpCodes {
  private TotpCodes() {
  }

  public static String now(byte[] secret, Instant now) {
    return Totp.code(secret, Totp.step(now), Totp.DIGITS);
  }
}
