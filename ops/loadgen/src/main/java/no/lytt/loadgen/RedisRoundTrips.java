package no.lytt.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the commands clients send to Redis — round trips — by watching {@code MONITOR}. INFO
 * commandstats cannot tell them apart from the commands a Lua script runs inside Redis, which
 * cost no round trip; MONITOR marks those {@code [0 lua]}. Only the command name of each line is
 * kept, in memory: MONITOR lines carry keys and values (token hashes, ciphertext), so nothing else
 * of a line is stored, printed or written anywhere.
 */
final class RedisRoundTrips implements AutoCloseable {
  private final Socket socket;
  private final Map<String, LongAdder> byCommand = new ConcurrentHashMap<>();
  private final Thread reader;

  RedisRoundTrips(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    reader = new Thread(() -> read(in), "redis-monitor");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(BufferedReader in) {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        int close = line.indexOf(']');
        if (!line.startsWith("+") || close < 0 || line.substring(0, close).endsWith(" lua")) {
          continue;
        }
        int start = line.indexOf('"', close) + 1;
        int end = line.indexOf('"', start);
        if (start > 0 && end > start) {
          String command = line.substring(start, end).toLowerCase(java.util.Locale.ROOT);
          byCommand.computeIfAbsent(command, c -> new LongAdder()).increment();
        }
      }
    } catch (IOException e) {
      // closed at the end of the run
    }
  }

  /** Client commands seen so far, by name. */
  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    byCommand.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
