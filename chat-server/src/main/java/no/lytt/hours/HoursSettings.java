package no.lytt.hours;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything about the hours that a person sets, apart from the zone: the week, dated exceptions,
 * whether public holidays close the line, and the manual override. The configuration gives the
 * first one; an administrator's saved one replaces it whole, so what applies is never a mix of two.
 */
public record HoursSettings(WeeklySchedule weekly, DatedExceptions exceptions, boolean closedOnHolidays,
    Override override) {

  public HoursSettings {
    Objects.requireNonNull(weekly, "weekly");
    Objects.requireNonNull(exceptions, "exceptions");
    Objects.requireNonNull(override, "override");
  }

  public HoursSettings withOverride(Override newOverride) {
    return new HoursSettings(weekly, exceptions, closedOnHolidays, newOverride);
  }

  public OpeningHours openingHours(ZoneId zone) {
    return new OpeningHours(weekly, exceptions, closedOnHolidays, override, zone);
  }
}
