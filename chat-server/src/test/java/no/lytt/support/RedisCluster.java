package no.lytt.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three primaries on loopback, made with {@code redis-cli --cluster create}:
 * slots spread over three processes, so keys with different hash tags live on different servers.
 */
public final class RedisCluster implements AutoCloseable {
  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  public static RedisCluster launch() {
    List<RedisServer> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // The bus port is named, not left to Redis's port + 10000, which is taken or beyond 65535 for
      // one free port in ten.
      nodes.add(RedisServer.launch("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-node-timeout", "2000", "--cluster-port", Integer.toString(RedisServer.freePort())));
    }
    RedisCluster cluster = new RedisCluster(nodes);
    List<String> cmd = new ArrayList<>(List.of(cli(), "--cluster", "create"));
    nodes.forEach(n -> cmd.add("127.0.0.1:" + n.port()));
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    cluster.run(cmd);
    cluster.awaitOk();
    return cluster;
  }

  /** Seed URIs, comma-separated, as {@code redis.uri} takes them for {@code redis.topology = cluster}. */
  public String uris() {
    return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
  }

  public void flushAll() {
    for (RedisServer n : nodes) {
      run(List.of(cli(), "-p", Integer.toString(n.port()), "flushall"));
    }
  }

  private void awaitOk() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      boolean allOk = nodes.stream().allMatch(n ->
          run(List.of(cli(), "-p", Integer.toString(n.port()), "cluster", "info")).contains("cluster_state:ok"));
      if (allOk) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("Redis Cluster did not reach cluster_state:ok");
  }

  private String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String cli() {
    return RedisServer.executable().replace("redis-server", "redis-cli");
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
