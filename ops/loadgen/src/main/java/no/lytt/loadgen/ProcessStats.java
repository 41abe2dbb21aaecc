package no.lytt.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server process costs, read from outside it: resident memory and CPU time from
 * {@code /proc}, and for a JVM the heap after a full GC ({@code jcmd GC.run}, then
 * {@code GC.heap_info}) and the direct memory (native memory tracking's "Other" category, where
 * Netty's and NIO's direct buffers land; the JVM is started with
 * {@code -XX:NativeMemoryTracking=summary}). Node reports its heap after {@code gc()} and its
 * buffers (external + array buffers) on its own stats endpoint.
 */
final class ProcessStats {
  /** Kernel clock ticks per second for /proc/PID/stat; 100 on every Linux we run on. */
  private static final long TICKS = 100;
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern OTHER = Pattern.compile("- +Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
  // HTTP/1.1: an h2c upgrade request would go to Node's upgrade handler (Socket.IO's), not to /stats.
  /** The jcmd of the JDK running us (the servers run on the same one), else the one on the PATH. */
  private static final String JCMD = ProcessHandle.current().info().command()
      .map(java -> Path.of(java).resolveSibling("jcmd"))
      .filter(Files::isExecutable).map(Path::toString).orElse("jcmd");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ProcessStats() {
  }

  /** Memory after a GC, in KiB; -1 where not known. */
  record Memory(long heapKb, long directKb, long rssKb) {
    static final Memory NONE = new Memory(0, 0, 0);

    Memory plus(Memory o) {
      return new Memory(add(heapKb, o.heapKb), add(directKb, o.directKb), rssKb + o.rssKb);
    }

    private static long add(long a, long b) {
      return a < 0 || b < 0 ? -1 : a + b;
    }
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return 0;
  }

  /** User plus system CPU time of the process so far, in milliseconds. */
  static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the command: state is field 3, utime 14 and stime 15 (man 5 proc).
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static Memory memory(ServerProcess server) {
    long rss;
    return switch (server.kind()) {
      case JVM -> {
        jcmd(server.pid(), "GC.run");
        long heap = find(HEAP_USED, jcmd(server.pid(), "GC.heap_info"), 1);
        long direct = find(OTHER, jcmd(server.pid(), "VM.native_memory", "summary"), 2);
        rss = rssKb(server.pid());
        yield new Memory(heap, direct, rss);
      }
      case NODE -> {
        String json = get("http://127.0.0.1:" + server.port() + "/stats");
        rss = rssKb(server.pid());
        yield new Memory(number(json, "heapUsed") / 1024,
            (number(json, "external") + number(json, "arrayBuffers")) / 1024, rss);
      }
      case OTHER -> new Memory(-1, -1, rssKb(server.pid()));
    };
  }

  private static String jcmd(long pid, String... command) {
    try {
      List<String> args = new java.util.ArrayList<>(List.of(JCMD, Long.toString(pid)));
      args.addAll(List.of(command));
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static long find(Pattern pattern, String text, int group) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Long.parseLong(m.group(group)) : -1;
  }

  private static String get(String uri) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "{}";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "{}";
    }
  }

  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
