package no.lytt.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where shared state lives.
 *
 * @param kind {@code store}: {@link Kind#EMBEDDED} keeps everything in this process (one node, zero
 *     setup); {@link Kind#REDIS} shares queue, chats and presence between any number of nodes
 * @param redisUri {@code redis.uri}: the Lettuce URI (for a cluster, seed URIs separated by commas);
 *     required for {@link Kind#REDIS}, may carry a password, so {@link #toString()} hides it
 * @param topology {@code redis.topology}: a single server (or Sentinel-managed primary) or a Cluster
 * @param timeoutMillis {@code redis.timeout-ms}: how long one command may take before the caller is
 *     told the store is unavailable
 */
public record StoreConfig(Kind kind, String redisUri, Topology topology, int timeoutMillis) {

  /** The two store implementations behind the one store contract. */
  public enum Kind { EMBEDDED, REDIS }

  /** How the Redis servers are arranged; Sentinel is a standalone URI with the sentinel scheme. */
  public enum Topology { STANDALONE, CLUSTER }

  static final ConfigKey STORE = ConfigKey.of("store", "embedded",
      "Where state lives: embedded (in this process; one node, nothing to set up, lost on restart) or "
          + "redis (shared by every node behind a load balancer; needs redis.uri).");
  static final ConfigKey REDIS_URI = ConfigKey.secret("redis.uri", "",
      "Redis URI as Lettuce reads it, e.g. redis://redis:6379, rediss://:password@host:6380 or "
          + "redis-sentinel://host:26379/0#mymaster. Required when store = redis. May hold a "
          + "password, so it is never printed.");
  static final ConfigKey REDIS_TOPOLOGY = ConfigKey.of("redis.topology", "standalone",
      "standalone (one Redis server, or a primary found through Sentinel with a redis-sentinel:// URI) "
          + "or cluster (Redis Cluster; redis.uri then lists one or more seed nodes separated by commas).");
  static final ConfigKey REDIS_TIMEOUT = ConfigKey.of("redis.timeout-ms", "800",
      "Longest wait for one Redis command in milliseconds (50-10000). While Redis is unreachable, "
          + "joins and logins are answered \"temporarily unavailable\" within this time.");
  static final List<ConfigKey> KEYS = List.of(STORE, REDIS_URI, REDIS_TOPOLOGY, REDIS_TIMEOUT);

  // The Lettuce schemes: redis, rediss, redis+ssl, redis+tls, redis-socket, redis-sentinel, ...
  private static final Pattern URI = Pattern.compile("rediss?([+-][a-z]+)*://\\S+");

  static StoreConfig read(Settings settings) {
    Kind kind = settings.choice(STORE, Kind.class);
    String uri = settings.parsed(REDIS_URI, "a Redis URI such as redis://host:6379", text -> {
      for (String one : text.isEmpty() ? new String[0] : text.split(",", -1)) {
        if (!URI.matcher(one.trim()).matches()) {
          throw new IllegalArgumentException();
        }
      }
      return text;
    });
    Topology topology = settings.choice(REDIS_TOPOLOGY, Topology.class);
    int timeout = settings.integer(REDIS_TIMEOUT, 50, 10_000);
    if (kind == Kind.REDIS && uri.isEmpty()) {
      settings.problem(REDIS_URI, "required when store = redis");
    }
    return new StoreConfig(kind, uri, topology, timeout);
  }

  @Override
  public String toString() {
    return "StoreConfig[kind=" + kind + ", redisUri=" + (redisUri.isEmpty() ? "" : "<hidden>")
        + ", topology=" + topology + ", timeoutMillis=" + timeoutMillis + "]";
  }
}
