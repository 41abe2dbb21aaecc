package no.lytt.callback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Sorts callbacks for the console: what is due now, later today, later, or has missed every window. */
public final class CallbackSchedule {
  public enum Category {
    DUE_NOW, LATER_TODAY, LATER, EXPIRED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final ZoneId zone;

  public CallbackSchedule(ZoneId zone) {
    this.zone = zone;
  }

  /** When the callback may next be made: the first window still open after any retry delay. */
  public Optional<Instant> nextStart(Item item, Instant now) {
    Instant notBefore = item.nextTryAt() != null && item.nextTryAt().isAfter(now) ? item.nextTryAt() : now;
    return item.windows().stream().filter(w -> w.to().isAfter(notBefore))
        .map(w -> w.from().isAfter(notBefore) ? w.from() : notBefore)
        .min(Comparator.naturalOrder());
  }

  public Category category(Item item, Instant now) {
    return nextStart(item, now).map(start -> {
      if (!start.isAfter(now)) {
        return Category.DUE_NOW;
      }
      return LocalDate.ofInstant(start, zone).equals(LocalDate.ofInstant(now, zone))
          ? Category.LATER_TODAY : Category.LATER;
    }).orElse(Category.EXPIRED);
  }
}
