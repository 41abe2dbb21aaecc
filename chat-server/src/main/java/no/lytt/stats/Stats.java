package no.lytt.stats;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import no.lytt.store.Store;

/** Counts anonymous events per day in the service's time zone. */
public final class Stats {
  private final Store store;
  private final Clock clock;
  private final ZoneId zone;

  public Stats(Store store, Clock clock, ZoneId zone) {
    this.store = store;
    this.clock = clock;
    this.zone = zone;
  }

  public Future<Void> count(Counter counter) {
    return count(counter.key());
  }

  /**
   * Counts one under a key built from an administrator's list (a wrap-up category, a source), which
   * no enum can name in advance. The key holds ids only, never text a person typed.
   */
  public Future<Void> count(String key) {
    return store.increment(key, LocalDate.ofInstant(clock.instant(), zone), 1);
  }

  /** Counts one under each key: the counts one event makes, in one request to the store. */
  public Future<Void> count(String... keys) {
    return store.count(List.of(keys), LocalDate.ofInstant(clock.instant(), zone));
  }

  /** The counters of the query's days, grouped and suppressed, in one read of the store. */
  public Future<StatisticsReport> report(StatisticsQuery query) {
    return store.counters(query.from(), query.to()).map(days -> StatisticsReport.of(query, zone, days));
  }
}
