package no.lytt.hours;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Readable instants for tests: local Oslo wall-clock time, or an explicit offset where it is ambiguous. */
final class Times {

  private Times() {
  }

  /** {@code 2026-03-02T17:00} in Oslo (the earlier offset if ambiguous). */
  static Instant oslo(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(OpeningHours.OSLO).toInstant();
  }

  /** {@code 2026-10-25T02:30+01:00}: for the hour that occurs twice. */
  static Instant offset(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  static ZonedDateTime osloZoned(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(OpeningHours.OSLO);
  }

  static OpeningHours hours(String weekly, String exceptions) {
    return new OpeningHours(WeeklySchedule.parse(weekly), DatedExceptions.parse(exceptions), true,
        Override.SCHEDULE, OpeningHours.OSLO);
  }
}
