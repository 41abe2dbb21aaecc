package no.lytt.accounts;

import java.time.Instant;
import java.util.Map;

/**
 * A console device's public keys and, once approved, the organisation's certificate for them.
 * The private keys never leave the browser that made them.
 *
 * @param certificate the certificate as JSON fields (docs/crypto.md), or null while pending and
 *                    after revocation
 * @param revokedAt   when an administrator revoked it, or null; a revoked device is never
 *                    certified again (its keys may be in someone else's hands), the console makes new ones
 */
public record Device(String deviceId, String username, String idPub, String encPub,
                     Map<String, Object> certificate, Instant registeredAt, Instant revokedAt) {
  public Device(String deviceId, String username, String idPub, String encPub, Map<String, Object> certificate,
                Instant registeredAt) {
    this(deviceId, username, idPub, encPub, certificate, registeredAt, null);
  }

  public boolean certified() {
    return certificate != null && revokedAt == null;
  }

  /** Certified, not revoked, and its certificate still valid at {@code now}: one of the team's keys. */
  public boolean servesTeamAt(Instant now) {
    return certified() && certificate.get("notAfter") instanceof Number n && n.longValue() > now.getEpochSecond();
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public Device withCertificate(Map<String, Object> cert) {
    return new Device(deviceId, username, idPub, encPub, Map.copyOf(cert), registeredAt, revokedAt);
  }

  /** Revoked at {@code at}: the certificate is dropped, so nothing that reads the device can use it. */
  public Device revokedAt(Instant at) {
    return new Device(deviceId, username, idPub, encPub, null, registeredAt, at);
  }
}
