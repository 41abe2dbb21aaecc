package no.lytt.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import no.lytt.crypto.B64u;
import no.lytt.crypto.OrgKey;

/** Development only: certifies every device with the development organisation key, for a year. */
public final class DevelopmentCertifier implements DeviceCertifier {
  private static final Duration VALIDITY = Duration.ofDays(365);
  /** Tolerates a browser clock a little behind the server's. */
  private static final Duration SKEW = Duration.ofMinutes(5);
  private final OrgKey orgKey;

  public DevelopmentCertifier(OrgKey orgKey) {
    this.orgKey = orgKey;
  }

  @Override
  public Optional<Map<String, Object>> certify(Device device, String displayName, Instant now) {
    long from = now.minus(SKEW).getEpochSecond();
    long to = now.plus(VALIDITY).getEpochSecond();
    return Optional.of(orgKey.certify(device.deviceId(), B64u.decode(device.idPub()),
        B64u.decode(device.encPub()), from, to, displayName).toJsonMap());
  }
}
