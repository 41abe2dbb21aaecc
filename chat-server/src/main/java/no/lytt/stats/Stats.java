package no.lytt.stats;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
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
    return store.increment(counter.key(), LocalDate.ofInstant(clock.instant(), zone), 1);
  }
}
