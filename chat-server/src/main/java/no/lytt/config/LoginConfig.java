package no.lytt.config;

import java.time.Duration;
import java.util.List;

/**
 * Log-in throttling (no.lytt.accounts.LoginThrottle, docs/operations.md "Log-in throttling").
 * Components carry the key's name and unit.
 *
 * @param freeAttempts {@code login.free-attempts}: attempts per username, since its last successful
 *     log-in, before blocks begin
 * @param firstBlockSeconds {@code login.first-block-seconds}: the first block; each further attempt
 *     doubles it
 * @param maxBlockMinutes {@code login.max-block-minutes}: the longest block, so a counsellor whose
 *     name is being guessed is never kept out for longer than this after typing the right password
 * @param sprayFailures {@code login.spray-failures}: failed log-ins service-wide (this and the
 *     previous minute) per second of delay added to every log-in
 * @param sprayMaxDelaySeconds {@code login.spray-max-delay-seconds}: the longest such delay (0: none)
 */
public record LoginConfig(int freeAttempts, int firstBlockSeconds, int maxBlockMinutes, int sprayFailures,
                          int sprayMaxDelaySeconds) {

  static final ConfigKey FREE_ATTEMPTS = ConfigKey.of("login.free-attempts", "5",
      "Log-in attempts per username, since its last successful log-in, before the name is blocked for a while. "
          + "Unknown names count the same, so the answers do not reveal which names exist.");
  static final ConfigKey FIRST_BLOCK_SECONDS = ConfigKey.of("login.first-block-seconds", "60",
      "Seconds the first block of a username lasts; it doubles with each further attempt.");
  static final ConfigKey MAX_BLOCK_MINUTES = ConfigKey.of("login.max-block-minutes", "15",
      "Longest block of a username in minutes. The right password works as soon as a block ends, so this is "
          + "the longest a counsellor whose name is being guessed waits.");
  static final ConfigKey SPRAY_FAILURES = ConfigKey.of("login.spray-failures", "30",
      "Failed log-ins across all names, in this and the previous minute, that add one second to every log-in "
          + "(password spraying stays under each name's limit). Nobody is refused, everyone is slowed.");
  static final ConfigKey SPRAY_MAX_DELAY_SECONDS = ConfigKey.of("login.spray-max-delay-seconds", "10",
      "Longest delay password spraying adds to a log-in, in seconds (0: no delay).");
  static final List<ConfigKey> KEYS = List.of(FREE_ATTEMPTS, FIRST_BLOCK_SECONDS, MAX_BLOCK_MINUTES,
      SPRAY_FAILURES, SPRAY_MAX_DELAY_SECONDS);

  static LoginConfig read(Settings settings) {
    LoginConfig login = new LoginConfig(settings.integer(FREE_ATTEMPTS, 1, 100),
        settings.integer(FIRST_BLOCK_SECONDS, 1, 3600), settings.integer(MAX_BLOCK_MINUTES, 1, 1440),
        settings.integer(SPRAY_FAILURES, 1, 1_000_000), settings.integer(SPRAY_MAX_DELAY_SECONDS, 0, 60));
    if (login.maxBlock().compareTo(login.firstBlock()) < 0) {
      settings.problem(MAX_BLOCK_MINUTES, "must not be shorter than login.first-block-seconds ("
          + login.firstBlockSeconds + " s)");
    }
    return login;
  }

  public Duration firstBlock() {
    return Duration.ofSeconds(firstBlockSeconds);
  }

  public Duration maxBlock() {
    return Duration.ofMinutes(maxBlockMinutes);
  }

  public Duration sprayMaxDelay() {
    return Duration.ofSeconds(sprayMaxDelaySeconds);
  }
}
