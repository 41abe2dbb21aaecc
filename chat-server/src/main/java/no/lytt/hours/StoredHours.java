package no.lytt.hours;

import java.util.Objects;

/**
 * An administrator's saved hours with the version they were saved under. Nodes compare versions
 * for equality only (a new random one per save), so checking for a change reads one short value.
 */
public record StoredHours(HoursSettings settings, String version) {

  public StoredHours {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(version, "version");
  }
}
