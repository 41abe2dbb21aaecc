package no.lytt.hours;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The opening hours in force on this node, for services to ask each time instead of holding one
 * {@link OpeningHours}: the configured ones until an administrator saves hours, then the saved
 * ones, followed when another node saves (see {@link HoursEditor#follow}).
 *
 * <p>Read from every event loop and replaced from one, so the state is one volatile reference to
 * an immutable snapshot: a reader sees the old hours or the new, never half of each.
 */
public final class Hours {

  private record Snapshot(HoursSettings settings, Optional<String> version, OpeningHours hours) {
  }

  private final ZoneId zone;
  private final HoursSettings configured;
  private volatile Snapshot current;

  public Hours(HoursSettings configured, ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.configured = Objects.requireNonNull(configured, "configured");
    this.current = new Snapshot(configured, Optional.empty(), configured.openingHours(zone));
  }

  /** The hours to answer with now. */
  public OpeningHours current() {
    return current.hours();
  }

  public ZoneId zone() {
    return zone;
  }

  /** The settings in force: an administrator's once saved, else the configured ones. */
  public HoursSettings settings() {
    return current.settings();
  }

  /** True once an administrator's saved hours apply rather than the configuration's. */
  public boolean fromAdministrator() {
    return current.version().isPresent();
  }

  /** The version of the saved hours in force; empty while the configured ones apply. */
  public Optional<String> version() {
    return current.version();
  }

  /**
   * Follows what the store holds: saved hours, or none (then the configured ones, as after the
   * store was emptied). True when that changed what applies.
   */
  public boolean follow(Optional<StoredHours> stored) {
    Optional<String> version = stored.map(StoredHours::version);
    if (version.equals(current.version())) {
      return false;
    }
    HoursSettings settings = stored.map(StoredHours::settings).orElse(configured);
    current = new Snapshot(settings, version, settings.openingHours(zone));
    return true;
  }
}
