package no.lytt.stats;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Daily counters summed into periods, then suppressed ({@link ReportedCount}). Suppression comes
 * after the summing, so a month of twelve contacts shows 12 even when each day had fewer than five.
 * No total over the whole range is given: next to the periods it would give a suppressed one away.
 */
public record StatisticsReport(StatisticsQuery query, ZoneId zone, List<StatisticsGroups.Group> groups,
                               List<PeriodCounts> periods) {

  /** One period, clipped to the query's range; {@code counts} holds every key of every group. */
  public record PeriodCounts(String label, LocalDate from, LocalDate to, Map<String, ReportedCount> counts) {
  }

  public static StatisticsReport of(StatisticsQuery query, ZoneId zone, Map<LocalDate, Map<String, Long>> days) {
    Set<String> present = new TreeSet<>();
    days.values().forEach(d -> present.addAll(d.keySet()));
    List<StatisticsGroups.Group> groups = StatisticsGroups.of(present);
    List<String> keys = groups.stream().flatMap(g -> g.keys().stream()).toList();
    Period by = query.by();
    List<PeriodCounts> periods = new java.util.ArrayList<>();
    for (LocalDate start = by.start(query.from()); !start.isAfter(query.to()); start = by.next(start)) {
      LocalDate from = start.isBefore(query.from()) ? query.from() : start;
      LocalDate last = by.next(start).minusDays(1);
      LocalDate to = last.isAfter(query.to()) ? query.to() : last;
      Map<String, Long> sums = new HashMap<>();
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        days.getOrDefault(day, Map.of()).forEach((k, v) -> sums.merge(k, v, Long::sum));
      }
      Map<String, ReportedCount> counts = new LinkedHashMap<>();
      keys.forEach(k -> counts.put(k, ReportedCount.of(sums.getOrDefault(k, 0L))));
      periods.add(new PeriodCounts(by.label(start), from, to, counts));
    }
    return new StatisticsReport(query, zone, groups, List.copyOf(periods));
  }
}
