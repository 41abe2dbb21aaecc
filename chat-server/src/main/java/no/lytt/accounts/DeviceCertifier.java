package no.lytt.accounts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a newly registered console device gets a certificate at once. In development the
 * development organisation key certifies every device; in production nothing does — an administrator
 * certifies it with the offline organisation key after comparing fingerprints.
 */
public interface DeviceCertifier {
  Optional<Map<String, Object>> certify(Device device, String displayName, Instant now);

  static DeviceCertifier none() {
    return (device, displayName, now) -> Optional.empty();
  }
}
