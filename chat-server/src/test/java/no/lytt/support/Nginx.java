package no.lytt.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as an unprivileged process with its own prefix and configuration in a temporary
 * directory, on a loopback port, in front of test nodes. The proxying rules are the production
 * site's own ({@code ops/nginx/lytt.conf}: its {@code map} and {@code location /} blocks, taken
 * verbatim), only without TLS and with the test nodes as upstreams — so the test exercises the
 * configuration an operator installs. Started as root, it drops to {@code nobody} first.
 */
public final class Nginx implements AutoCloseable {
  private static final Path SITE = Path.of("..", "ops", "nginx", "lytt.conf");
  private final int port;
  private final Path dir;
  private Process process;

  private Nginx(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  public static Nginx start(int port, List<Integer> upstreams) {
    try {
      Path dir = Files.createTempDirectory("lytt-nginx-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      Nginx nginx = new Nginx(port, dir);
      nginx.launch(upstreams);
      return nginx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  private void launch(List<Integer> upstreams) throws IOException {
    String site = Files.readString(SITE);
    StringBuilder servers = new StringBuilder();
    // No passive health marking here: a node refusing during a drain must not be set aside for
    // longer than the test takes to restart it.
    upstreams.forEach(p -> servers.append("    server 127.0.0.1:").append(p).append(" max_fails=0;\n"));
    String conf = """
        worker_processes 1;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 1024; }
        http {
            client_body_temp_path %1$s/body;
            proxy_temp_path %1$s/proxy;
            fastcgi_temp_path %1$s/fastcgi;
            uwsgi_temp_path %1$s/uwsgi;
            scgi_temp_path %1$s/scgi;
            access_log off;
            upstream lytt_nodes {
                least_conn;
        %2$s        keepalive 8;
                keepalive_timeout 30s;
            }
            %3$s
            server {
                listen 127.0.0.1:%4$d;
                client_max_body_size 64k;
                %5$s
            }
        }
        """.formatted(dir, servers, block(site, "map $http_upgrade $connection_upgrade"),
        port, block(site, "location / "));
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    List<String> cmd = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    }
    cmd.addAll(List.of(executable(), "-p", dir.toString(), "-c", file.toString(), "-e", dir.resolve("error.log").toString()));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out"))
              + Files.readString(dir.resolve("error.log")));
        }
        sleep();
      }
    }
    throw new IllegalStateException("nginx did not start on " + port);
  }

  /** The block of {@code conf} that starts with {@code start}, through its matching brace. */
  static String block(String conf, String start) {
    int from = conf.indexOf(start);
    if (from < 0) {
      throw new IllegalStateException("ops/nginx/lytt.conf has no '" + start + "' block");
    }
    int depth = 0;
    for (int i = conf.indexOf('{', from); i < conf.length(); i++) {
      char c = conf.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return conf.substring(from, i + 1);
      }
    }
    throw new IllegalStateException("unbalanced braces in ops/nginx/lytt.conf");
  }

  private static String executable() {
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "nginx";
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** nginx's error log (at warn), for a failing test's message. */
  public String errorLog() {
    try {
      return Files.readString(dir.resolve("error.log"));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
