package no.lytt.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, for tests: started, stopped and
 * started again on the same port (to test what nodes do while Redis is away), and killed at the end.
 * Persistence is off; every test that needs a clean slate flushes.
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final List<String> extra;
  private Process process;

  private RedisServer(int port, Path dir, List<String> extra) {
    this.port = port;
    this.dir = dir;
    this.extra = extra;
  }

  /**
   * @param extraArgs more {@code redis-server} arguments; a first argument ending in {@code .conf}
   *                  is a configuration file whose settings are kept
   */
  public static RedisServer launch(String... extraArgs) {
    RedisServer server = new RedisServer(freePort(), tempDir(), List.of(extraArgs));
    server.start();
    return server;
  }

  public int port() {
    return port;
  }

  /** Where this server writes its files (append-only file, snapshots, log). */
  public Path dir() {
    return dir;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts (again) on the same port and waits until it accepts connections. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of(executable()));
    boolean configFile = !extra.isEmpty() && extra.get(0).endsWith(".conf");
    if (configFile) {
      // A configuration file comes first and keeps its settings; only where to listen and write changes.
      cmd.add(extra.get(0));
      cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
          "--loglevel", "warning"));
      cmd.addAll(extra.subList(1, extra.size()));
    } else {
      cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
          "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no", "--loglevel", "warning"));
      cmd.addAll(extra);
    }
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server (ops/test.sh installs it)", e);
    }
    waitUntil(true);
  }

  /** Stops the server the hard way, as a crash or a lost network would look to the nodes. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      waitUntil(false);
    }
  }

  @Override
  public void close() {
    kill();
  }

  static String executable() {
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
      if (new File(candidate).canExecute()) {
        return candidate;
      }
    }
    return "redis-server";
  }

  private void waitUntil(boolean listening) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      boolean open;
      try (Socket s = new Socket("127.0.0.1", port)) {
        open = true;
      } catch (IOException e) {
        open = false;
      }
      if (open == listening) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("redis-server on port " + port + (listening ? " did not start" : " did not stop"));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("lytt-redis-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
