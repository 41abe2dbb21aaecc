package no.lytt.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import no.lytt.protocol.Ids;
import no.lytt.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

/**
 * The hours in force: the configured ones until an administrator saves, then the saved ones on
 * the saving node at once and on another node sharing the store once it follows.
 */
class HoursTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** Monday 23 November 2026, 18:00 in Oslo. */
  private static final Instant MONDAY_EVENING = Instant.parse("2026-11-23T17:00:00Z");
  private static final HoursSettings CONFIGURED = new HoursSettings(WeeklySchedule.parse("mon=17:00-22:00"),
      DatedExceptions.NONE, true, Override.SCHEDULE);

  @Test
  void theConfiguredHoursApplyUntilSavedHoursAreFollowed() {
    Hours hours = new Hours(CONFIGURED, OSLO);
    assertFalse(hours.fromAdministrator());
    assertTrue(hours.current().isOpen(MONDAY_EVENING));
    HoursSettings closed = CONFIGURED.withOverride(Override.CLOSED);
    assertTrue(hours.follow(Optional.of(new StoredHours(closed, "v1"))));
    assertFalse(hours.follow(Optional.of(new StoredHours(closed, "v1"))), "the same version changes nothing");
    assertTrue(hours.fromAdministrator());
    assertEquals(closed, hours.settings());
    assertFalse(hours.current().isOpen(MONDAY_EVENING));
    assertTrue(hours.follow(Optional.empty()), "saved hours removed from the store: the configured ones again");
    assertEquals(CONFIGURED, hours.settings());
  }

  @Test
  void aSaveOnOneNodeIsFollowedByAnotherSharingTheStore() {
    MemoryStore store = new MemoryStore(Clock.fixed(MONDAY_EVENING, OSLO));
    Ids ids = new Ids(new SecureRandom());
    HoursEditor here = new HoursEditor(store, new Hours(CONFIGURED, OSLO), ids);
    HoursEditor there = new HoursEditor(store, new Hours(CONFIGURED, OSLO), ids);
    here.override(Override.CLOSED).result();
    assertFalse(here.hours().current().isOpen(MONDAY_EVENING), "at once where it was saved");
    assertTrue(there.hours().current().isOpen(MONDAY_EVENING), "not yet followed");
    assertTrue(there.follow().result());
    assertFalse(there.hours().current().isOpen(MONDAY_EVENING));
    assertFalse(there.follow().result(), "nothing new to follow");
    assertEquals(here.hours().version(), there.hours().version());
  }
}
