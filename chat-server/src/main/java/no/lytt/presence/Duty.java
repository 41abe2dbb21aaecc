package no.lytt.presence;

import java.util.Locale;
import java.util.Optional;

/**
 * A counsellor's availability: on duty (new visitors may be handed to them), on a break (no new
 * visitors; running chats continue) or off duty (nothing running, nothing new).
 *
 * @param capacity how many chats at once this counsellor takes while on duty
 */
public record Duty(String username, Status status, int capacity) {
  /** The three states a console can choose. */
  public enum Status {
    ON, BREAK, OFF;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> fromWire(String text) {
      for (Status s : values()) {
        if (s.wire().equals(text)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  public static Duty off(String username) {
    return new Duty(username, Status.OFF, 0);
  }

  /** Whether new visitors may be handed to this counsellor. */
  public boolean onDuty() {
    return status == Status.ON;
  }
}
