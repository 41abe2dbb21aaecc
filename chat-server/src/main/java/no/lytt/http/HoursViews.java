package no.lytt.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import no.lytt.hours.DatedExceptions;
import no.lytt.hours.DayHours;
import no.lytt.hours.Holiday;
import no.lytt.hours.Hours;
import no.lytt.hours.HoursSettings;
import no.lytt.hours.Interval;
import no.lytt.hours.OpeningHours;
import no.lytt.hours.WeeklySchedule;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;

/**
 * The JSON of {@code /api/admin/hours}, both ways. Incoming hours are turned into the compact
 * configuration text and read by the very parsers that read {@code hours.weekly} and
 * {@code hours.exceptions}, so the page and the configuration accept exactly the same hours, and a
 * refusal says which day or date to fix in the parsers' words.
 */
final class HoursViews {
  static final int PREVIEW_DAYS = 14;
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private HoursViews() {
  }

  static JsonObject view(Hours hours, Instant now) {
    HoursSettings s = hours.settings();
    OpeningHours current = hours.current();
    JsonObject weekly = new JsonObject();
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.put(DAYS.get(day.ordinal()), intervals(s.weekly().intervals(day)));
    }
    JsonArray exceptions = new JsonArray();
    s.exceptions().dates().forEach((date, open) ->
        exceptions.add(new JsonObject().put("date", date.toString()).put("open", intervals(open))));
    JsonArray preview = new JsonArray();
    String override = s.override() == no.lytt.hours.Override.SCHEDULE ? null : s.override().toString();
    for (DayHours day : current.days(now, PREVIEW_DAYS)) {
      preview.add(new JsonObject().put("date", day.date().toString())
          .put("weekday", DAYS.get(day.date().getDayOfWeek().ordinal()))
          .put("open", intervals(day.intervals()))
          .put("reason", day.source().name().toLowerCase(Locale.ROOT))
          .put("holiday", holiday(day.holidays()))
          .put("override", override));
    }
    return new JsonObject().put("zone", hours.zone().getId())
        .put("source", hours.fromAdministrator() ? "administrator" : "configuration")
        .put("weekly", weekly).put("exceptions", exceptions).put("holidays", s.closedOnHolidays())
        .put("override", s.override().toString())
        .put("openNow", current.isOpen(now))
        .put("nextOpening", current.nextOpening(now).map(t -> t.toOffsetDateTime().toString()).orElse(null))
        .put("preview", preview);
  }

  /**
   * The settings of a {@code PUT} with the given override; the week, the exceptions and the
   * holidays are required, so nothing is kept by accident.
   */
  static HoursSettings settings(JsonObject body, no.lytt.hours.Override override) {
    if (!(body.getValue("weekly") instanceof JsonObject weekly)) {
      throw bad("Field 'weekly' must be an object with a list of {from, to} times for each day, mon to sun.");
    }
    if (!(body.getValue("exceptions") instanceof JsonArray exceptions)) {
      throw bad("Field 'exceptions' must be a list of {date, open}; give [] for none.");
    }
    if (!(body.getValue("holidays") instanceof Boolean holidays)) {
      throw bad("Field 'holidays' must be true (public holidays close the line) or false.");
    }
    return new HoursSettings(weekly(weekly), exceptions(exceptions), holidays, override);
  }

  static no.lytt.hours.Override override(JsonObject body) {
    if (body.getValue("override") instanceof String text) {
      try {
        return no.lytt.hours.Override.parse(text);
      } catch (IllegalArgumentException e) {
        throw bad("Field 'override': " + e.getMessage() + ".");
      }
    }
    throw bad("Field 'override' must be open, closed or schedule.");
  }

  private static WeeklySchedule weekly(JsonObject weekly) {
    StringJoiner text = new StringJoiner(";");
    for (Map.Entry<String, Object> day : weekly) {
      String entry = day.getKey() + "=" + text(day.getValue(), "weekly." + day.getKey());
      parse(() -> WeeklySchedule.parse(entry), day.getKey());
      text.add(entry);
    }
    return parse(() -> WeeklySchedule.parse(text.toString()), "weekly");
  }

  private static DatedExceptions exceptions(JsonArray exceptions) {
    StringJoiner text = new StringJoiner(";");
    for (int i = 0; i < exceptions.size(); i++) {
      if (!(exceptions.getValue(i) instanceof JsonObject e) || !(e.getValue("date") instanceof String date)) {
        throw bad("Exception " + (i + 1) + " must be {\"date\":\"2026-12-24\",\"open\":[…]}.");
      }
      String entry = date.strip() + "=" + text(e.getValue("open"), "exceptions[" + i + "].open");
      parse(() -> DatedExceptions.parse(entry), "exception " + date.strip());
      text.add(entry);
    }
    return parse(() -> DatedExceptions.parse(text.toString()), "exceptions");
  }

  /** {@code [{"from":"17:00","to":"22:00"}]} as the compact {@code 17:00-22:00}; {@code []} is closed. */
  private static String text(Object value, String field) {
    if (!(value instanceof JsonArray list)) {
      throw bad("Field '" + field + "' must be a list of {from, to} times; give [] for closed.");
    }
    if (list.isEmpty()) {
      return "closed";
    }
    StringJoiner joiner = new StringJoiner(",");
    for (Object item : list) {
      if (!(item instanceof JsonObject i) || !(i.getValue("from") instanceof String from)
          || !(i.getValue("to") instanceof String to)) {
        throw bad("Field '" + field + "' must hold {\"from\":\"17:00\",\"to\":\"22:00\"} times.");
      }
      if (from.contains(",") || from.contains(";") || to.contains(",") || to.contains(";")) {
        throw bad("In " + field + ": \"" + from + "\" to \"" + to + "\" are not times like 17:00.");
      }
      joiner.add(from.strip() + "-" + to.strip());
    }
    return joiner.toString();
  }

  private static <T> T parse(java.util.function.Supplier<T> parser, String where) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw bad(where + ": " + e.getMessage() + ".");
    }
  }

  private static JsonArray intervals(List<Interval> intervals) {
    return new JsonArray(intervals.stream().map(i -> (Object) new JsonObject()
        .put("from", i.toString().substring(0, 5)).put("to", i.toString().substring(6))).toList());
  }

  private static JsonObject holiday(List<Holiday> holidays) {
    if (holidays.isEmpty()) {
      return null;
    }
    return new JsonObject()
        .put("nb", String.join(" / ", holidays.stream().map(Holiday::norwegianName).toList()))
        .put("en", String.join(" / ", holidays.stream().map(Holiday::englishName).toList()));
  }

  private static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_HOURS, message);
  }
}
