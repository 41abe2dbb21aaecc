package no.lytt.callback;

import java.time.Instant;
import java.util.Objects;

/**
 * A time in which a visitor would like to be called, {@code from} inclusive, {@code to} exclusive.
 * Windows are stored in the clear (the list needs them to sort what is due); they say when, never who.
 */
public record CallbackWindow(Instant from, Instant to) {
  public CallbackWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a window must end after it starts");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}
