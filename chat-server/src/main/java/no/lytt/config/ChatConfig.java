package no.lytt.config;

import java.time.Duration;
import java.util.List;

/**
 * Chat timing. Components carry the key's name and unit; {@link #grace()} and
 * {@link #defaultDuration()} give the same as {@link Duration}s.
 *
 * @param graceSeconds {@code chat.grace-seconds}: how long a chat waits for a dropped side to
 *     reconnect before it is ended
 * @param defaultDurationMinutes {@code chat.default-duration-minutes}: assumed chat length for wait
 *     estimates until real chats have been measured
 */
public record ChatConfig(int graceSeconds, int defaultDurationMinutes) {

  static final ConfigKey GRACE_SECONDS = ConfigKey.of("chat.grace-seconds", "120",
      "Seconds a chat stays alive after a visitor's or counsellor's connection drops, so a phone "
          + "changing networks or a node restart resumes the same chat. Longer keeps ciphertext stored longer.");
  static final ConfigKey DEFAULT_DURATION_MINUTES = ConfigKey.of("chat.default-duration-minutes", "20",
      "Assumed length of a chat in minutes for queue wait estimates, used until there is history.");
  static final List<ConfigKey> KEYS = List.of(GRACE_SECONDS, DEFAULT_DURATION_MINUTES);

  static ChatConfig read(Settings settings) {
    return new ChatConfig(settings.integer(GRACE_SECONDS, 1, 3600), settings.integer(DEFAULT_DURATION_MINUTES, 1, 600));
  }

  public Duration grace() {
    return Duration.ofSeconds(graceSeconds);
  }

  public Duration defaultDuration() {
    return Duration.ofMinutes(defaultDurationMinutes);
  }
}
