package no.lytt.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.lytt.accounts.DevelopmentSetup;

/**
 * The servers under test for one run, started by the load generator itself on free ports and
 * stopped at the end: one or two Lytt nodes (embedded store, or Redis), or the bare Vert.x relay,
 * or the Socket.IO relay (one node, or two on Redis with the Redis adapter), and the Redis server
 * they share. Every server is pinned to {@code server-cpus} when given.
 *
 * <p>Lytt runs with the benchmark's limits, raised through configuration (never by changing a
 * default): every connection comes from loopback, so the per-source cap goes to its maximum; the
 * queue may hold as many visitors as a scenario queues; a console carries up to 20 chats and up to
 * 1,000 frames a second. Any {@code LYTT_*} variable in the load generator's own environment wins
 * over these.
 *
 * <p>A Lytt node is the load generator's {@link SeededNode} unless {@code node-jar} names a server
 * jar: then the node under test is that jar, started as in production, and a seeded node run
 * before it writes the bench accounts into Redis. That is how an AOT cache is trained for the jar
 * itself ({@code ops/aot-cache.sh}): a cache fits only the class path it was recorded with.
 */
final class Stack implements AutoCloseable {
  enum Target { LYTT, BARE, SOCKETIO }

  private final Settings settings;
  private final Target target;
  private final Path dir;
  private final List<ServerProcess> apps = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final int counsellors;
  private ServerProcess redis;
  private byte[] orgPub = new byte[0];
  private final Thread hook = new Thread(this::stopAll, "stop-servers");

  private Stack(Settings settings, Target target, Path dir, int counsellors) {
    this.settings = settings;
    this.target = target;
    this.dir = dir;
    this.counsellors = counsellors;
  }

  /**
   * @param nodes       1 or 2 application servers
   * @param useRedis    start Redis and put the nodes on it (always for two nodes)
   * @param counsellors Lytt counsellor accounts to create
   */
  static Stack start(Settings s, Target target, int nodes, boolean useRedis, int counsellors) {
    Path dir = Path.of(s.text("dir", "target/bench-run"));
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("org.key"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!s.text("node-jar", "").isEmpty() && target == Target.LYTT && !useRedis && nodes < 2) {
      throw new IllegalArgumentException("node-jar needs Redis (a Redis scenario, or nodes=2): the bench"
          + " counsellors are written into the store by a seeded node before the jar's node starts");
    }
    Stack stack = new Stack(s, target, dir, counsellors);
    // Interrupted (Ctrl-C, a killed benchmark script), the servers go too.
    Runtime.getRuntime().addShutdownHook(stack.hook);
    try {
      if (useRedis || nodes > 1) {
        stack.startRedis();
      }
      for (int i = 0; i < nodes; i++) {
        stack.ports.add(freePort());
        stack.startApp(i);
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startRedis() {
    int port = freePort();
    redis = ServerProcess.start("redis", ServerProcess.Kind.OTHER,
        List.of(settings.text("redis-server", "redis-server"), "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"),
        Map.of(), dir, settings.text("server-cpus", ""), port, null);
  }

  private void startApp(int node) {
    int port = ports.get(node);
    String cpus = settings.text("server-cpus", "");
    String java = settings.text("java", ProcessHandle.current().info().command().orElse("java"));
    String classpath = settings.text("classpath", System.getProperty("java.class.path"));
    List<String> plain = List.of(java, "-Xmx" + settings.text("server-heap", "1g"), "-XX:+UseG1GC",
        "-XX:NativeMemoryTracking=summary");
    List<String> jvm = new ArrayList<>(plain);
    // Extra flags for the server JVMs, e.g. a flight recording or compact object headers.
    String extra = settings.text("server-jvm-options", "").trim();
    if (!extra.isEmpty()) {
      jvm.addAll(List.of(extra.split("\\s+")));
    }
    String jar = settings.text("node-jar", "");
    ServerProcess app = switch (target) {
      case LYTT -> {
        Path ready = dir.resolve("node" + node + ".ready");
        deleteQuietly(ready);
        Map<String, String> env = lyttEnv(node, ready);
        if (jar.isEmpty()) {
          yield ServerProcess.start("lytt" + node, ServerProcess.Kind.JVM,
              seeded(jvm, classpath), env, dir, cpus, port, ready);
        }
        if (!env.get("LYTT_BENCH_COUNSELLORS").equals("0")) {
          // The server's own jar has no bench accounts: a seeded node writes them into Redis
          // first, with no extra flags (they may record an AOT cache, which is for the jar alone).
          ServerProcess.start("seed" + node, ServerProcess.Kind.JVM, seeded(plain, classpath), env,
              dir, cpus, port, ready).stop();
        }
        // The seeded node stops without a drain; so does this one, or a restart in a scenario
        // would wait out the drain's deadline with its visitors away (they have no other node).
        env.putIfAbsent("LYTT_DRAIN_DEADLINE_SECONDS", "1");
        List<String> cmd = new ArrayList<>(jvm);
        cmd.addAll(List.of("-jar", jar));
        yield ServerProcess.start("lytt" + node, ServerProcess.Kind.JVM, cmd, env, dir, cpus, port, null);
      }
      case BARE -> {
        List<String> cmd = new ArrayList<>(jvm);
        cmd.addAll(List.of("-cp", classpath));
        cmd.addAll(List.of(BareRelay.class.getName(), Integer.toString(port)));
        yield ServerProcess.start("bare" + node, ServerProcess.Kind.JVM, cmd, Map.of(), dir, cpus, port, null);
      }
      case SOCKETIO -> {
        Path script = Path.of(settings.text("socketio-dir", "ops/socketio-relay")).toAbsolutePath()
            .resolve("relay.js");
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        if (redis != null) {
          env.put("REDIS_URL", "redis://127.0.0.1:" + redis.port());
        }
        yield ServerProcess.start("socketio" + node, ServerProcess.Kind.NODE,
            List.of(settings.text("node", "node"), "--expose-gc", script.toString()), env, dir, cpus, port, null);
      }
    };
    if (apps.size() > node) {
      apps.set(node, app);
    } else {
      apps.add(app);
    }
  }

  private static List<String> seeded(List<String> jvm, String classpath) {
    List<String> cmd = new ArrayList<>(jvm);
    cmd.addAll(List.of("-cp", classpath, SeededNode.class.getName()));
    return cmd;
  }

  private Map<String, String> lyttEnv(int node, Path ready) {
    Map<String, String> env = new HashMap<>();
    env.put("LYTT_MODE", "development");
    env.put("LYTT_HTTP_HOST", "127.0.0.1");
    env.put("LYTT_HTTP_PORT", Integer.toString(ports.get(node)));
    env.put("LYTT_HTTP_PUBLIC_ORIGIN", origin());
    env.put("LYTT_HOURS_OVERRIDE", "open");
    env.put("LYTT_DEMO_PASSWORD", SeededNode.PASSWORD);
    env.put("LYTT_ORG_DEV_KEY_FILE", orgKeyFile().toString());
    // Cheap password hashing: hundreds of bench counsellors log in at the start of a run.
    env.put("LYTT_ARGON2_MEMORY_KIB", "1024");
    env.put("LYTT_ARGON2_ITERATIONS", "1");
    env.put("LYTT_LIMITS_CONNECTIONS_PER_SOURCE", "100000");
    env.put("LYTT_LIMITS_QUEUE_LENGTH", "100000");
    env.put("LYTT_LIMITS_MAX_CAPACITY", "20");
    env.put("LYTT_LIMITS_MESSAGES_PER_SECOND", "1000");
    env.put("LYTT_LIMITS_BURST", "10000");
    if (redis != null) {
      env.put("LYTT_STORE", "redis");
      env.put("LYTT_REDIS_URI", "redis://127.0.0.1:" + redis.port());
    }
    // The accounts are in the store from the first start: a node restarted into a reconnect storm
    // must not have to write them again before it counts as ready.
    boolean first = apps.size() <= node;
    env.put("LYTT_BENCH_COUNSELLORS", Integer.toString(node == 0 && first ? counsellors : 0));
    env.put("LYTT_BENCH_READY_FILE", ready.toString());
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("LYTT_")) {
        env.put(k, v);
      }
    });
    return env;
  }

  private Path orgKeyFile() {
    Path file = dir.resolve("org.key").toAbsolutePath();
    if (orgPub.length == 0) {
      // Created here, before any node starts, so every node and every visitor uses this one key.
      orgPub = DevelopmentSetup.orgKey(file, new SecureRandom()).publicKey();
    }
    return file;
  }

  String origin() {
    return "http://localhost:" + ports.get(0);
  }

  LyttChats.LyttNodes lyttNodes() {
    return new LyttChats.LyttNodes(List.copyOf(ports), origin(), orgPub, SeededNode.PASSWORD);
  }

  List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** Stops node {@code i} as an orchestrator would (SIGTERM: Lytt closes its sockets with 1001). */
  void stop(int node) {
    apps.get(node).stop();
  }

  void start(int node) {
    startApp(node);
  }

  /** Heap after GC, direct memory and RSS of the application servers together (not Redis). */
  ProcessStats.Memory memory() {
    ProcessStats.Memory sum = ProcessStats.Memory.NONE;
    for (ServerProcess app : apps) {
      sum = sum.plus(ProcessStats.memory(app));
    }
    return sum;
  }

  /** CPU time of the application servers so far, in milliseconds. */
  long cpuMillis() {
    return apps.stream().mapToLong(a -> ProcessStats.cpuMillis(a.pid())).sum();
  }

  long redisCpuMillis() {
    return redis == null ? 0 : ProcessStats.cpuMillis(redis.pid());
  }

  Target target() {
    return target;
  }

  /** Starts counting client round trips to Redis (see {@link RedisRoundTrips}). */
  RedisRoundTrips watchRedis() {
    try {
      return new RedisRoundTrips(redis.port());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean hasRedis() {
    return redis != null;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to
    }
    stopAll();
  }

  private synchronized void stopAll() {
    // A JVM recording an AOT cache writes it as it exits, with a second JVM it starts for that.
    int grace = settings.text("server-jvm-options", "").contains("AOTCacheOutput") ? 180 : 20;
    for (ServerProcess app : apps) {
      app.stop(grace);
    }
    if (redis != null) {
      redis.stop();
    }
    // A server still starting (a node seeding its accounts, one not yet ready) is in neither list.
    ProcessHandle.current().children().filter(ProcessHandle::isAlive).forEach(p -> ServerProcess.stop(p, grace));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // an old marker that cannot be removed makes the wait pass early; nothing worse
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
