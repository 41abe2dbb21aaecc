package no.lytt.store.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import no.lytt.hours.DatedExceptions;
import no.lytt.hours.HoursSettings;
import no.lytt.hours.StoredHours;
import no.lytt.hours.WeeklySchedule;

/**
 * The administrator's opening hours in the durable Redis: they must survive a restart like
 * accounts do.
 *
 * <p>One key, {@code lytt:hours} — hash, no expiry: field {@code settings} is the hours as json
 * (the week and exceptions in their configuration text form, read back by the same parsers),
 * field {@code version} a random value new on every save. Both fields are written by one HSET, so
 * a node that reads a new version also reads its settings; every node reads the version alone on
 * each hours check.
 */
final class RedisHours {
  static final String KEY = "lytt:hours";
  private static final String SETTINGS = "settings";
  private static final String VERSION = "version";

  private final Supplier<RedisClusterAsyncCommands<String, String>> redis;
  private final RedisCallbacks.OnContext context;

  RedisHours(Supplier<RedisClusterAsyncCommands<String, String>> redis, RedisCallbacks.OnContext context) {
    this.redis = redis;
    this.context = context;
  }

  Future<Optional<StoredHours>> hours() {
    return context.on(redis.get().hgetall(KEY)).map(fields -> fields.containsKey(SETTINGS) && fields.containsKey(VERSION)
        ? Optional.of(new StoredHours(settings(fields.get(SETTINGS)), fields.get(VERSION)))
        : Optional.empty());
  }

  Future<Optional<String>> version() {
    return context.on(redis.get().hget(KEY, VERSION)).map(Optional::ofNullable);
  }

  Future<Void> save(StoredHours hours) {
    return context.on(redis.get().hset(KEY, Map.of(SETTINGS, json(hours.settings()), VERSION, hours.version())))
        .mapEmpty();
  }

  static String json(HoursSettings s) {
    return new JsonObject().put("weekly", s.weekly().toString()).put("exceptions", s.exceptions().toString())
        .put("holidays", s.closedOnHolidays()).put("override", s.override().toString()).encode();
  }

  static HoursSettings settings(String json) {
    JsonObject o = new JsonObject(json);
    return new HoursSettings(WeeklySchedule.parse(o.getString("weekly")), DatedExceptions.parse(o.getString("exceptions")),
        o.getBoolean("holidays"), no.lytt.hours.Override.parse(o.getString("override")));
  }
}
