package no.lytt.hours;

import io.vertx.core.Future;
import java.util.Optional;
import no.lytt.protocol.Ids;
import no.lytt.store.Store;

/**
 * Saves an administrator's hours and keeps this node's {@link Hours} in step with the store. A save
 * takes effect on the saving node at once; every other node sees it at its next {@link #follow},
 * which reads only the version unless it changed.
 */
public final class HoursEditor {
  private static final int VERSION_BYTES = 9;
  private final Store store;
  private final Hours hours;
  private final Ids ids;

  public HoursEditor(Store store, Hours hours, Ids ids) {
    this.store = store;
    this.hours = hours;
    this.ids = ids;
  }

  public Hours hours() {
    return hours;
  }

  /** Catches up with the store; true when the hours in force changed. */
  public Future<Boolean> follow() {
    return store.hoursVersion().compose(version -> version.equals(hours.version())
        ? Future.succeededFuture(false)
        : store.hours().map(hours::follow));
  }

  /** Replaces the settings whole; the configured ones no longer apply from now on. */
  public Future<HoursSettings> save(HoursSettings settings) {
    StoredHours stored = new StoredHours(settings, ids.random(VERSION_BYTES));
    return store.saveHours(stored).map(v -> {
      hours.follow(Optional.of(stored));
      return settings;
    });
  }

  /**
   * Replaces the settings but the override: the one in force stays. An administrator's page saves
   * its week this way, so a "closed" set by hand (on another page, or another node) since that page
   * last looked is not undone by a week edited before it.
   */
  public Future<HoursSettings> saveKeepingOverride(HoursSettings settings) {
    return follow().compose(changed -> save(settings.withOverride(hours.settings().override())));
  }

  /**
   * Sets only the override, on top of whatever applies. Read from this node's copy, so a week
   * saved on another node in the last few seconds could be lost; two administrators editing at the
   * same moment is the one case, and the page then shows what was kept.
   */
  public Future<HoursSettings> override(Override override) {
    return follow().compose(changed -> save(hours.settings().withOverride(override)));
  }
}
