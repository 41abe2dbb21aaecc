package no.lytt.hours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock tests move by hand, so time-dependent code is tested without sleeping. */
final class MutableClock extends Clock {

  private Instant now;
  private final ZoneId zone;

  MutableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  void advance(Duration step) {
    now = now.plus(step);
  }

  void set(Instant instant) {
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
