package no.lytt.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import no.lytt.hours.DatedExceptions;
import no.lytt.hours.HoursSettings;
import no.lytt.hours.OpeningHours;
import no.lytt.hours.WeeklySchedule;

/**
 * Opening hours as configured at start-up, kept as text-free values so they can be compared,
 * shown on an admin page, or turned into {@link OpeningHours}.
 *
 * @param zone {@code hours.zone}: the zone the wall-clock times are in
 * @param weekly {@code hours.weekly}: the regular week
 * @param exceptions {@code hours.exceptions}: dated closures and special hours
 * @param closedOnHolidays {@code hours.holidays}: Norwegian public holidays close the line
 * @param override {@code hours.override}: manual open/closed switch, normally {@code schedule}
 * @param checkMillis {@code hours.check-millis}: how often open pages are checked against the hours
 */
public record HoursConfig(ZoneId zone, WeeklySchedule weekly, DatedExceptions exceptions,
    boolean closedOnHolidays, no.lytt.hours.Override override, int checkMillis) {

  /** Said of every key an administrator's saved hours replace (docs/operations.md, "Opening hours"). */
  private static final String SEED = "Applies until an administrator saves opening hours at /admin; from then on "
      + "the saved hours (week, exceptions, holidays and override together) apply instead.";
  static final ConfigKey ZONE = ConfigKey.of("hours.zone", "Europe/Oslo",
      "Time zone of the opening hours (an IANA ID). Hours are wall-clock times here, so they follow "
          + "summer time.");
  static final ConfigKey WEEKLY = ConfigKey.of("hours.weekly", WeeklySchedule.DEFAULT.toString(),
      "Regular weekly hours: day=intervals separated by ';', days mon..sun, intervals HH:MM-HH:MM "
          + "separated by ','. An interval may end at 24:00 but not cross midnight: write "
          + "thu=22:00-24:00;fri=00:00-02:00. Days not listed are closed. " + SEED);
  static final ConfigKey EXCEPTIONS = ConfigKey.of("hours.exceptions", "",
      "Dated exceptions replacing a whole day, e.g. 2026-12-24=closed;2026-12-23=10:00-14:00. An "
          + "exception with hours opens the line even on a public holiday. " + SEED);
  static final ConfigKey HOLIDAYS = ConfigKey.of("hours.holidays", "true",
      "true closes the line on Norwegian public holidays (Easter, Whitsun, 17 May, Christmas...). " + SEED);
  static final ConfigKey OVERRIDE = ConfigKey.of("hours.override", "schedule",
      "open or closed forces the line open or shut regardless of the hours until set back to "
          + "schedule. " + SEED);
  static final ConfigKey CHECK_MILLIS = ConfigKey.of("hours.check-millis", "5000",
      "Milliseconds between checks whether the line has just opened or closed, and whether an "
          + "administrator saved new hours on any node; open visitor pages are told within this time. Hours change on the minute, so a few seconds is prompt enough.");
  static final List<ConfigKey> KEYS = List.of(ZONE, WEEKLY, EXCEPTIONS, HOLIDAYS, OVERRIDE, CHECK_MILLIS);

  static HoursConfig read(Settings settings) {
    ZoneId zone = settings.parsed(ZONE, "a time-zone ID such as Europe/Oslo", text -> {
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException();
      }
    });
    return new HoursConfig(zone,
        settings.parsed(WEEKLY, "a weekly schedule such as mon=17:00-22:00;thu=17:00-22:00", WeeklySchedule::parse),
        settings.parsed(EXCEPTIONS, "dated exceptions such as 2026-12-24=closed;2026-12-23=10:00-14:00",
            DatedExceptions::parse),
        settings.bool(HOLIDAYS),
        settings.choice(OVERRIDE, no.lytt.hours.Override.class),
        settings.integer(CHECK_MILLIS, 50, 60_000));
  }

  /** The opening hours these settings describe. */
  public OpeningHours openingHours() {
    return settings().openingHours(zone);
  }

  /** What an administrator's saved hours replace once saved; the seed until then. */
  public HoursSettings settings() {
    return new HoursSettings(weekly, exceptions, closedOnHolidays, override);
  }
}
