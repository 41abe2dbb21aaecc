package no.lytt.config;

import java.time.Duration;
import java.util.List;

/**
 * How the console keeps a waiting visitor in mind.
 *
 * @param reminderSeconds {@code queue.reminder-seconds}: once the longest-waiting visitor has
 *     waited this long, or a visitor's message has stood unread this long, the console alerts again,
 *     and again every this many seconds, until someone takes the visitor or reads the message
 */
public record QueueConfig(int reminderSeconds) {

  static final ConfigKey REMINDER_SECONDS = ConfigKey.of("queue.reminder-seconds", "120",
      "Seconds (10-3600) after which an on-duty console alerts again about a visitor still waiting in the "
          + "queue or a visitor's message still unread, repeating every this many seconds. Sent to consoles "
          + "in the welcome frame.");
  static final List<ConfigKey> KEYS = List.of(REMINDER_SECONDS);

  static QueueConfig read(Settings settings) {
    return new QueueConfig(settings.integer(REMINDER_SECONDS, 10, 3600));
  }

  public Duration reminder() {
    return Duration.ofSeconds(reminderSeconds);
  }
}
