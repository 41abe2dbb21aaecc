package no.lytt.config;

import java.time.Duration;
import java.util.List;

/**
 * Counsellor and administrator login sessions (visitors have none). Components carry the key's
 * name and unit; {@link #idle()} and {@link #absolute()} give the same as {@link Duration}s.
 *
 * @param idleMinutes {@code session.idle-minutes}: a session unused this long ends, for a console
 *     left open on a shared desk
 * @param absoluteHours {@code session.absolute-hours}: a session ends this long after login however
 *     busy, so a stolen session cookie is worth at most one shift
 * @param checkSeconds {@code session.check-seconds}: how often a node checks that the sessions of
 *     its open consoles are still alive, and closes those that are not
 */
public record SessionConfig(int idleMinutes, int absoluteHours, int checkSeconds) {

  static final ConfigKey IDLE_MINUTES = ConfigKey.of("session.idle-minutes", "60",
      "Minutes without activity after which a counsellor or admin session ends.");
  static final ConfigKey ABSOLUTE_HOURS = ConfigKey.of("session.absolute-hours", "12",
      "Hours after login after which a session ends however active, so a stolen session lasts one shift at most.");
  static final ConfigKey CHECK_SECONDS = ConfigKey.of("session.check-seconds", "30",
      "Seconds between checks that an open console's session is still alive (1-600); a console whose "
          + "session ended by time is then closed, as one whose counsellor logged out is at once.");
  static final List<ConfigKey> KEYS = List.of(IDLE_MINUTES, ABSOLUTE_HOURS, CHECK_SECONDS);

  static SessionConfig read(Settings settings) {
    SessionConfig session = new SessionConfig(settings.integer(IDLE_MINUTES, 1, 1440),
        settings.integer(ABSOLUTE_HOURS, 1, 168), settings.integer(CHECK_SECONDS, 1, 600));
    if (session.idle().compareTo(session.absolute()) > 0) {
      settings.problem(IDLE_MINUTES, "must not exceed session.absolute-hours (" + session.absoluteHours + " h)");
    }
    return session;
  }

  public Duration idle() {
    return Duration.ofMinutes(idleMinutes);
  }

  public Duration absolute() {
    return Duration.ofHours(absoluteHours);
  }
}
