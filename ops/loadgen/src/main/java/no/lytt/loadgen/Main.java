package no.lytt.loadgen;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator's command line (docs/performance.md):
 *
 * <pre>java -jar lytt-loadgen.jar scenario=relay target=lytt chats=1000 rates=2000,5000 duration=30</pre>
 *
 * Scenarios: {@code idle}, {@code relay}, {@code cross-node}, {@code slow-consumer}, {@code churn},
 * {@code reconnect-storm}, and {@code compare} (the relay scenario for each of
 * {@code targets=lytt,bare,socketio} in one run, with the ratios). It starts and stops every
 * server itself. Exit status 3 when a message was lost or duplicated or a visitor assigned twice.
 */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Settings s = Settings.parse(args);
    Report report = run(s);
    report.print();
    if (!s.unread().isEmpty()) {
      System.err.println("Unknown settings (ignored): " + s.unread());
    }
    System.exit(failed(report) ? 3 : 0);
  }

  static Report run(Settings s) throws InterruptedException {
    String out = s.text("out", null);
    Report report = new Report(out == null ? null : Path.of(out));
    String scenario = s.text("scenario", "relay");
    switch (scenario) {
      case "idle" -> IdleScenario.run(s, report);
      case "relay", "cross-node", "slow-consumer" -> RelayScenario.run(s, report, scenario, RelayScenario.target(s));
      case "churn" -> ChurnScenario.run(s, report);
      case "reconnect-storm" -> StormScenario.run(s, report);
      case "compare" -> compare(s, report);
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    return report;
  }

  /** The relay scenario on each target in turn, then the best rates and Lytt's share of each. */
  private static void compare(Settings s, Report report) throws InterruptedException {
    String scenario = s.integer("nodes", 1) > 1 ? "cross-node" : "relay";
    Map<String, Object> summary = new java.util.LinkedHashMap<>();
    // The bare relay pairs sockets only within one process, so it has no two-node mode.
    String targets = s.text("targets", scenario.equals("relay") ? "lytt,bare,socketio" : "lytt,socketio");
    for (String name : targets.split(",")) {
      Stack.Target target = Stack.Target.valueOf(name.trim().toUpperCase(Locale.ROOT));
      RelayScenario.Best best = RelayScenario.run(s, report, scenario, target);
      String key = target.name().toLowerCase(Locale.ROOT);
      summary.put("best_" + key, best.rate());
      if (best.loadgenBound()) {
        // The step above the best failed with the load generator's core (nearly) full: a lower bound.
        summary.put("loadgen_bound_" + key, true);
      }
    }
    Map<String, Object> row = report.row();
    row.put("scenario", "compare");
    row.putAll(summary);
    Object lytt = summary.get("best_lytt");
    for (String peer : List.of("bare", "socketio")) {
      Object best = summary.get("best_" + peer);
      if (lytt instanceof Integer l && best instanceof Integer b && b > 0) {
        row.put("lytt_over_" + peer, Math.round(l * 100.0 / b) / 100.0);
      }
    }
  }

  /** Any loss, duplicate or double assignment in any row. */
  static boolean failed(Report report) {
    for (Map<String, Object> row : report.rows()) {
      for (String key : List.of("lost_total", "duplicates", "duplicates_total", "double_assignments")) {
        if (row.get(key) instanceof Number n && n.longValue() > 0) {
          return true;
        }
      }
      if ("reconnect-storm".equals(row.get("scenario")) && row.get("lost") instanceof Number n && n.longValue() > 0) {
        return true;
      }
    }
    return false;
  }
}
