package no.lytt.hours;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A stretch of real time during which the line is open: an {@link Interval} placed on a date and
 * resolved in a time zone, or several touching ones joined. Start inclusive, end exclusive; both
 * are compared as instants, so a span across a clock change has its true length.
 */
public record OpenSpan(ZonedDateTime start, ZonedDateTime end) {

  public OpenSpan {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("span must end after it starts: " + start + " - " + end);
    }
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start.toInstant()) && instant.isBefore(end.toInstant());
  }

  /** True when {@code next} starts no later than this span ends, so the line never closes between them. */
  boolean touches(OpenSpan next) {
    return !next.start.isAfter(end);
  }

  OpenSpan joinedWith(OpenSpan next) {
    return new OpenSpan(start, next.end.isAfter(end) ? next.end : end);
  }
}
