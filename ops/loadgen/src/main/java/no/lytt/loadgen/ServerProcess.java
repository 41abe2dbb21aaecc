package no.lytt.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server the load generator started (a Lytt node, a relay, Redis), its output in a log file
 * of the run's directory, stopped with SIGTERM (the way an orchestrator stops a node) and killed
 * if it does not go within 20 s. Servers write no message text and no tokens, so the log holds
 * neither.
 *
 * @param kind how its memory is read: a JVM through jcmd, Node through its stats endpoint, or
 *             only the kernel's numbers
 */
record ServerProcess(String name, Kind kind, Process process, int port) {
  enum Kind { JVM, NODE, OTHER }

  /**
   * Starts {@code command}, optionally pinned with taskset, and waits until {@code port} accepts
   * connections and, when {@code readyFile} is given, until that file exists.
   */
  static ServerProcess start(String name, Kind kind, List<String> command, Map<String, String> env,
                             Path dir, String cpus, int port, Path readyFile) {
    List<String> full = new ArrayList<>();
    if (cpus != null && !cpus.isBlank()) {
      full.addAll(List.of("taskset", "-c", cpus));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      ServerProcess server = new ServerProcess(name, kind, p, port);
      server.awaitReady(readyFile);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  private void awaitReady(Path readyFile) {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + "; see its log in the run directory");
      }
      if (accepts() && (readyFile == null || Files.exists(readyFile))) {
        return;
      }
      sleep(100);
    }
    stop();
    throw new IllegalStateException(name + " was not ready within 120 s");
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  void stop() {
    stop(20);
  }

  /** @param graceSeconds how long it may take to exit after SIGTERM before it is killed */
  void stop(int graceSeconds) {
    stop(process.toHandle(), graceSeconds);
  }

  /** SIGTERM, then SIGKILL if {@code process} is still there after {@code graceSeconds}. */
  static void stop(ProcessHandle process, int graceSeconds) {
    process.destroy();
    try {
      process.onExit().get(graceSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
