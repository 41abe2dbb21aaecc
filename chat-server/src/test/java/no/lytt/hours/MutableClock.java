package no.lytt.hours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock tests move by hand, so time-dependent code is tested without sleeping. A test thread moves
 * it while a server's event loop reads it, hence the volatile instant.
 */
public final class MutableClock extends Clock {

  private volatile Instant now;
  private final ZoneId zone;

  public MutableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public void advance(Duration step) {
    now = now.plus(step);
  }

  public void set(Instant instant) {
    now = instant;
  }

  @java.lang.Override
  public Instant instant() {
    return now;
  }

  @java.lang.Override
  public ZoneId getZone() {
    return zone;
  }

  @java.lang.Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, newZone);
  }
}
