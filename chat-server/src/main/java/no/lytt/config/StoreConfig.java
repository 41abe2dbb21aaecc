package no.lytt.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where shared state lives.
 *
 * @param kind {@code store}: {@link Kind#EMBEDDED} keeps everything in this process (one node, zero
 *     setup); {@link Kind#REDIS} shares queue, chats and presence between any number of nodes
 * @param redisUri {@code redis.uri}: the Lettuce URI; required for {@link Kind#REDIS}, may carry a
 *     password, so {@link #toString()} hides it
 */
public record StoreConfig(Kind kind, String redisUri) {

  /** The two store implementations behind the one store contract. */
  public enum Kind { EMBEDDED, REDIS }

  static final ConfigKey STORE = ConfigKey.of("store", "embedded",
      "Where state lives: embedded (in this process; one node, nothing to set up, lost on restart) or "
          + "redis (shared by every node behind a load balancer; needs redis.uri).");
  static final ConfigKey REDIS_URI = ConfigKey.secret("redis.uri", "",
      "Redis URI as Lettuce reads it, e.g. redis://redis:6379, rediss://:password@host:6380 or "
          + "redis-sentinel://host:26379/0#mymaster. Required when store = redis. May hold a "
          + "password, so it is never printed.");
  static final List<ConfigKey> KEYS = List.of(STORE, REDIS_URI);

  // The Lettuce schemes: redis, rediss, redis+ssl, redis+tls, redis-socket, redis-sentinel, ...
  private static final Pattern URI = Pattern.compile("rediss?([+-][a-z]+)*://\\S+");

  static StoreConfig read(Settings settings) {
    Kind kind = settings.choice(STORE, Kind.class);
    String uri = settings.parsed(REDIS_URI, "a Redis URI such as redis://host:6379", text -> {
      if (!text.isEmpty() && !URI.matcher(text).matches()) {
        throw new IllegalArgumentException();
      }
      return text;
    });
    if (kind == Kind.REDIS && uri.isEmpty()) {
      settings.problem(REDIS_URI, "required when store = redis");
    }
    return new StoreConfig(kind, uri);
  }

  @Override
  public String toString() {
    return "StoreConfig[kind=" + kind + ", redisUri=" + (redisUri.isEmpty() ? "" : "<hidden>") + "]";
  }
}
