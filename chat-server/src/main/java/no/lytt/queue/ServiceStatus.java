package no.lytt.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import no.lytt.hours.DayHours;
import no.lytt.hours.Interval;
import no.lytt.hours.Hours;
import no.lytt.hours.OpeningHours;

/**
 * What the visitor's page shows before anything else: open or closed, when it opens next, how many
 * are waiting and how long a newcomer would wait, and this week's hours.
 */
public final class ServiceStatus {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private final Hours hours;
  private final QueueService queue;
  private final Clock clock;
  private final JsonObject keeping;

  /**
   * @param callbackDays  how long a callback request is kept at most
   * @param ticketMinutes how long a ticket holds its place after opening
   */
  public ServiceStatus(Hours hours, QueueService queue, Clock clock, int callbackDays, int ticketMinutes) {
    this.hours = hours;
    this.queue = queue;
    this.clock = clock;
    this.keeping = new JsonObject().put("keptDays", callbackDays).put("ticketMinutes", ticketMinutes);
  }

  public boolean isOpen() {
    return hours.current().isOpen(clock.instant());
  }

  /** The short form sent over the visitor socket. */
  public Future<JsonObject> summary() {
    Instant now = clock.instant();
    OpeningHours hours = this.hours.current();
    return queue.outlook().map(outlook -> new JsonObject()
        .put("open", hours.isOpen(now))
        .put("nextOpening", hours.nextOpening(now).map(t -> t.toOffsetDateTime().toString()).orElse(null))
        .put("queueLength", outlook.queueLength())
        .put("estimatedWaitSeconds", outlook.newcomerEstimate().isPresent()
            ? outlook.newcomerEstimate().getAsLong() : null));
  }

  /** The long form of {@code GET /api/status}, with the week's hours. */
  public Future<JsonObject> full() {
    Instant now = clock.instant();
    OpeningHours hours = this.hours.current();
    return summary().map(s -> {
      JsonArray week = new JsonArray();
      for (DayHours day : hours.week(now)) {
        JsonArray open = new JsonArray();
        for (Interval i : day.intervals()) {
          open.add(new JsonObject().put("from", i.start().format(HH_MM))
              .put("to", i.endsAtMidnight() ? "24:00" : i.end().format(HH_MM)));
        }
        week.add(new JsonObject().put("date", day.date().toString()).put("open", open)
            .put("holiday", day.holidayName().orElse(null)));
      }
      return s.put("zone", hours.zone().getId()).put("override", hours.override().name().toLowerCase())
          .put("week", week).put("callbacks", keeping.copy());
    });
  }
}
