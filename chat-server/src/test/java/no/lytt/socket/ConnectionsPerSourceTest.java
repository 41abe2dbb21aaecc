package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.lytt.hours.MutableClock;
import org.junit.jupiter.api.Test;

class ConnectionsPerSourceTest {
  private static final byte[] SCHOOL = {4, 10, 0, 0, 1};
  private static final byte[] HOME = {4, 10, 0, 0, 2};
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private final ConnectionsPerSource caps = new ConnectionsPerSource(3, clock, new SecureRandom());

  private List<ConnectionsPerSource.Lease> fill(byte[] source, int n) {
    List<ConnectionsPerSource.Lease> leases = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leases.add(caps.admit(source).orElseThrow(() -> new AssertionError("refused below the cap")));
    }
    return leases;
  }

  @Test
  void aSourceAtItsCapIsRefusedWhileOthersAreNot() {
    fill(SCHOOL, 3);
    assertTrue(caps.admit(SCHOOL).isEmpty(), "the fourth from one source");
    assertTrue(caps.admit(HOME).isPresent(), "another source is unaffected");
    assertEquals(2, caps.sources());
  }

  @Test
  void closingOneLetsOneMoreInAndAReleaseCountsOnce() {
    List<ConnectionsPerSource.Lease> leases = fill(SCHOOL, 3);
    leases.get(0).release();
    leases.get(0).release();
    assertTrue(caps.admit(SCHOOL).isPresent(), "a freed place is taken again");
    assertTrue(caps.admit(SCHOOL).isEmpty(), "a second release of the same lease freed nothing");
  }

  @Test
  void aSourceWithNothingOpenIsForgotten() {
    fill(SCHOOL, 2).forEach(ConnectionsPerSource.Lease::release);
    assertEquals(0, caps.sources(), "no entry outlives its last connection");
  }

  @Test
  void theDailyNewSaltDropsTheCountsAndOldReleasesDoNotTouchTheNewOnes() {
    List<ConnectionsPerSource.Lease> yesterday = fill(SCHOOL, 3);
    clock.advance(ConnectionsPerSource.SALT_LIFETIME.minusSeconds(1));
    assertTrue(caps.admit(SCHOOL).isEmpty(), "still the same day");
    clock.advance(Duration.ofSeconds(1));
    List<ConnectionsPerSource.Lease> today = fill(SCHOOL, 3);
    yesterday.forEach(ConnectionsPerSource.Lease::release);
    Optional<ConnectionsPerSource.Lease> fourth = caps.admit(SCHOOL);
    assertFalse(fourth.isPresent(), "yesterday's releases went to yesterday's counts");
    today.get(0).release();
    assertTrue(caps.admit(SCHOOL).isPresent());
  }
}
