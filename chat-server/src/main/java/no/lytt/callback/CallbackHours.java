package no.lytt.callback;

import java.time.Duration;
import java.time.Instant;
import no.lytt.hours.OpeningHours;

/**
 * Which callback windows the line can promise, decided once per request: a window inside the
 * planned hours (dated exceptions and holidays included, the override left out), or one inside a
 * manual opening that runs now.
 *
 * <p>A manual opening has no end time, so how far it reaches is an assumption: {@link #MANUAL_REACH},
 * one evening's shift. That takes "call me in an hour" on a crisis evening opened by hand, and
 * refuses three in the morning a week later, when nobody promised to be there.
 */
final class CallbackHours {
  static final Duration MANUAL_REACH = Duration.ofHours(12);
  private final OpeningHours planned;
  private final Instant manualUntil;

  CallbackHours(OpeningHours hours, Instant now) {
    this.planned = hours.withOverride(no.lytt.hours.Override.SCHEDULE);
    this.manualUntil = hours.override() == no.lytt.hours.Override.OPEN ? now.plus(MANUAL_REACH) : null;
  }

  boolean takes(CallbackWindow w) {
    return inPlannedHours(w) || (manualUntil != null && !w.to().isAfter(manualUntil));
  }

  private boolean inPlannedHours(CallbackWindow w) {
    return planned.isOpen(w.from()) && planned.currentClosing(w.from())
        .map(close -> !close.toInstant().isBefore(w.to()))
        .orElse(planned.isOpen(w.to().minusMillis(1)));
  }
}
