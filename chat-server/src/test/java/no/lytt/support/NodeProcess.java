package no.lytt.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Lytt node in a JVM of its own, started as a service manager would start it: {@code no.lytt.Main}
 * with {@code LYTT_*} variables, on the test JVM's class path (so no jar has to be built first).
 * {@link #terminate()} sends SIGTERM, exactly what systemd or a container runtime sends. Standard
 * error (the JSON log) goes to a file the test can read.
 */
public final class NodeProcess implements AutoCloseable {
  private final Map<String, String> env;
  private final int port;
  private final Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int starts;

  public NodeProcess(Map<String, String> env, int port, Path dir) {
    this.env = Map.copyOf(env);
    this.port = port;
    this.dir = dir;
  }

  public int port() {
    return port;
  }

  public String env(String name) {
    return env.get(name);
  }

  /** Starts the JVM and waits until {@code /ready} says 200. */
  public synchronized void start() {
    starts++;
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small and quick to start: this is a test on a shared two-core machine.
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), "no.lytt.Main"));
    ProcessBuilder builder = new ProcessBuilder(cmd)
        .redirectOutput(log("out").toFile())
        .redirectError(log("err").toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("LYTT_"));
    environment.putAll(env);
    environment.put("LYTT_HTTP_PORT", Integer.toString(port));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Await.until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("node on port " + port + " exited with " + process.exitValue() + ": " + stderr());
      }
      return ready() == 200;
    }, "node on port " + port + " to be ready");
  }

  /** The status of {@code GET /ready}, or -1 when nothing answers. */
  public int ready() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Sends SIGTERM (the graceful drain starts) and returns at once. */
  public synchronized void terminate() {
    process.destroy();
  }

  /** Waits for the process to exit and returns its exit status. */
  public int awaitExit() {
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        throw new AssertionError("node on port " + port + " did not exit after SIGTERM");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What this node wrote to standard error in its latest run. */
  public String stderr() {
    try {
      return Files.readString(log("err"));
    } catch (IOException e) {
      return "";
    }
  }

  /** Standard error of every run so far. */
  public List<String> allStderr() {
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= starts; i++) {
      try {
        all.add(Files.readString(dir.resolve("node-" + port + "-" + i + ".err")));
      } catch (IOException e) {
        all.add("");
      }
    }
    return all;
  }

  private Path log(String stream) {
    return dir.resolve("node-" + port + "-" + starts + "." + stream);
  }

  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
