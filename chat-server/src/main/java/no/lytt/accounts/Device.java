package no.lytt.accounts;

import java.time.Instant;
import java.util.Map;

/**
 * A console device's public keys and, once approved, the organisation's certificate for them.
 * The private keys never leave the browser that made them.
 *
 * @param certificate the certificate as JSON fields (docs/crypto.md), or null while pending
 */
public record Device(String deviceId, String username, String idPub, String encPub,
                     Map<String, Object> certificate, Instant registeredAt) {
  public boolean certified() {
    return certificate != null;
  }

  public Device withCertificate(Map<String, Object> cert) {
    return new Device(deviceId, username, idPub, encPub, Map.copyOf(cert), registeredAt);
  }
}
