package no.lytt.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import no.lytt.stats.ReportedCount;
import no.lytt.stats.StatisticsReport;
import no.lytt.supervision.ServiceOverview;

/** The JSON and CSV shapes of statistics and the overview (docs/protocol.md, "HTTP API"). */
final class StatisticsViews {
  private StatisticsViews() {
  }

  static JsonObject json(StatisticsReport report) {
    JsonArray groups = new JsonArray(report.groups().stream().map(g -> new JsonObject().put("id", g.id())
        .put("keys", new JsonArray(g.keys()))).toList());
    JsonArray periods = new JsonArray(report.periods().stream().map(p -> {
      JsonObject counts = new JsonObject();
      p.counts().forEach((k, v) -> counts.put(k, v.wire()));
      return new JsonObject().put("period", p.label()).put("from", p.from().toString())
          .put("to", p.to().toString()).put("counts", counts);
    }).toList());
    return new JsonObject().put("from", report.query().from().toString()).put("to", report.query().to().toString())
        .put("by", report.query().by().wire()).put("zone", report.zone().getId())
        .put("suppressedBelow", ReportedCount.THRESHOLD).put("groups", groups).put("periods", periods);
  }

  /**
   * One row per period, one column per counter under its stable id: the ids mean the same in every
   * year's file and in both languages, so files from different years line up in a spreadsheet.
   */
  static String csv(StatisticsReport report) {
    List<String> keys = report.groups().stream().flatMap(g -> g.keys().stream()).toList();
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("period", "from", "to"));
    header.addAll(keys);
    row(out, header);
    for (StatisticsReport.PeriodCounts p : report.periods()) {
      List<String> cells = new ArrayList<>(List.of(p.label(), p.from().toString(), p.to().toString()));
      keys.forEach(k -> cells.add(p.counts().get(k).text()));
      row(out, cells);
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /**
   * RFC 4180 quoting, and a leading apostrophe before what a spreadsheet would run as a formula
   * (= + - @, tab, carriage return): a counter id comes from an administrator's list, so a
   * crafted id must not become a formula on the computer that opens the file. "<5" starts with
   * none of these and stays as it is.
   */
  static String cell(String value) {
    String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
        || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  static JsonObject overview(ServiceOverview.Snapshot s) {
    JsonArray counsellors = new JsonArray(s.counsellors().stream().map(c -> new JsonObject()
        .put("displayName", c.displayName()).put("status", c.status().wire())
        .put("chats", c.chats()).put("capacity", c.capacity())).toList());
    return new JsonObject().put("now", s.now().toEpochMilli()).put("counsellors", counsellors)
        .put("chatsRunning", s.chatsRunning())
        .put("queue", new JsonObject().put("length", s.queueLength()).put("longestWaitSeconds", s.longestWait().toSeconds()))
        .put("ticketsWaiting", s.ticketsWaiting())
        .put("callbacks", new JsonObject().put("open", s.callbacksOpen()).put("due", s.callbacksDue()));
  }
}
