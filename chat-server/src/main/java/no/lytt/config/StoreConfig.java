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
 * @param durableUri {@code redis.durable-uri}: where what must outlive a restart lives (accounts,
 *     devices, sessions, counters, login throttling); empty: the same Redis as {@code redis.uri}
 * @param durableTopology {@code redis.durable-topology}: how the durable Redis is arranged
 * @param timeoutMillis {@code redis.timeout-ms}: how long one command may take before the caller is
 *     told the store is unavailable
 */
public record StoreConfig(Kind kind, String redisUri, Topology topology, String durableUri,
                          Topology durableTopology, int timeoutMillis) {

  /** One Redis for everything. */
  public StoreConfig(Kind kind, String redisUri, Topology topology, int timeoutMillis) {
    this(kind, redisUri, topology, "", Topology.STANDALONE, timeoutMillis);
  }

  /** Where one Redis deployment is and how it is arranged. */
  public record RedisTarget(String uri, Topology topology) {
    @Override
    public String toString() {
      return "RedisTarget[uri=<hidden>, topology=" + topology + "]";
    }
  }

  /** The Redis for the queue, chats, envelopes and presence: nothing there should reach a disk. */
  public RedisTarget ephemeral() {
    return new RedisTarget(redisUri, topology);
  }

  /** The Redis for what must survive a restart; the ephemeral one unless configured apart. */
  public RedisTarget durable() {
    return separateDurable() ? new RedisTarget(durableUri, durableTopology) : ephemeral();
  }

  public boolean separateDurable() {
    return !durableUri.isEmpty();
  }

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
  static final ConfigKey REDIS_DURABLE_URI = ConfigKey.secret("redis.durable-uri", "",
      "Redis URI for what must outlive a restart: accounts, devices, sessions, counters, log-in "
          + "throttling. Point it at a Redis with appendonly yes and appendfsync always, and redis.uri at "
          + "one without persistence, so chats, envelopes and the queue never reach a disk. Empty: "
          + "everything in redis.uri (then that Redis decides what is written to disk).");
  static final ConfigKey REDIS_DURABLE_TOPOLOGY = ConfigKey.of("redis.durable-topology", "standalone",
      "standalone or cluster, as redis.topology, for redis.durable-uri.");
  static final ConfigKey REDIS_TIMEOUT = ConfigKey.of("redis.timeout-ms", "800",
      "Longest wait for one Redis command in milliseconds (50-10000). While Redis is unreachable, "
          + "joins and logins are answered \"temporarily unavailable\" within this time.");
  static final List<ConfigKey> KEYS = List.of(STORE, REDIS_URI, REDIS_TOPOLOGY, REDIS_DURABLE_URI,
      REDIS_DURABLE_TOPOLOGY, REDIS_TIMEOUT);

  // The Lettuce schemes: redis, rediss, redis+ssl, redis+tls, redis-socket, redis-sentinel, ...
  private static final Pattern URI = Pattern.compile("rediss?([+-][a-z]+)*://\\S+");

  static StoreConfig read(Settings settings) {
    Kind kind = settings.choice(STORE, Kind.class);
    String uri = redisUris(settings, REDIS_URI);
    Topology topology = settings.choice(REDIS_TOPOLOGY, Topology.class);
    String durableUri = redisUris(settings, REDIS_DURABLE_URI);
    Topology durableTopology = settings.choice(REDIS_DURABLE_TOPOLOGY, Topology.class);
    int timeout = settings.integer(REDIS_TIMEOUT, 50, 10_000);
    if (kind == Kind.REDIS && uri.isEmpty()) {
      settings.problem(REDIS_URI, "required when store = redis");
    }
    if (!durableUri.isEmpty() && durableUri.equals(uri)) {
      settings.problem(REDIS_DURABLE_URI, "must name another Redis than redis.uri, or be left empty");
    }
    return new StoreConfig(kind, uri, topology, durableUri, durableTopology, timeout);
  }

  private static String redisUris(Settings settings, ConfigKey key) {
    return settings.parsed(key, "a Redis URI such as redis://host:6379", text -> {
      for (String one : text.isEmpty() ? new String[0] : text.split(",", -1)) {
        if (!URI.matcher(one.trim()).matches()) {
          throw new IllegalArgumentException();
        }
      }
      return text;
    });
  }

  @Override
  public String toString() {
    return "StoreConfig[kind=" + kind + ", redisUri=" + (redisUri.isEmpty() ? "" : "<hidden>")
        + ", topology=" + topology + ", durableUri=" + (durableUri.isEmpty() ? "" : "<hidden>")
        + ", durableTopology=" + durableTopology + ", timeoutMillis=" + timeoutMillis + "]";
  }
}
