package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections that hold resources without using them: a WebSocket that never speaks, an HTTP
 * connection gone quiet, a client trickling its request head (slowloris), an oversized head — and
 * that a quiet chat survives all of it. The node runs with short limits so each test waits for
 * the server to act, never for a fixed time. The idle timeout is three seconds, not one: pinged at half
 * of it, a socket on a loaded machine must not miss its ping by the half second a one-second timeout
 * would leave.
 */
@Timeout(60)
class SlowClientsTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_LIMITS_SILENT_SOCKET_SECONDS", "1",
        "LYTT_LIMITS_HTTP_IDLE_SECONDS", "3",
        "LYTT_LIMITS_HEADER_BYTES", "2048"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject join() {
    return new JsonObject().put("type", "join").put("preference", "none").put("language", "nb");
  }

  @Test
  void aSocketThatNeverSpeaksIsClosedWith4002WhileOneThatSpokeStaysThroughQuietAndIdle() {
    try (RawSocket talker = server.visitorSocket()) {
      talker.next("welcome");
      talker.send(join());
      talker.next("joined");
      try (RawSocket silent = server.visitorSocket()) {
        silent.next("welcome");
        assertEquals(4002, silent.awaitClose(), "opened, greeted, never a frame: closed as silent");
      }
      // The talker has now been quiet longer than the silent socket lived and than the idle timeout:
      // the server's pings are what kept it open.
      talker.awaitPings(3);
      assertFalse(talker.isClosed());
      talker.send(new JsonObject().put("type", "leave"));
      talker.next("left");
    }
  }

  @Test
  void anHttpConnectionThatGoesQuietIsClosed() throws IOException {
    try (Socket tcp = new Socket("127.0.0.1", server.port())) {
      OutputStream out = tcp.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      tcp.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
      // Kept alive after the answer, then closed by the server: reading ends instead of timing out.
      String response = readUntilClosed(tcp.getInputStream());
      assertTrue(response.startsWith("HTTP/1.1 200"), response);
      assertFalse(response.toLowerCase(java.util.Locale.ROOT).contains("connection: close"),
          "the server meant to keep the connection; the idle timeout is what closed it");
    }
  }

  /**
   * Slowloris: a byte every 200 ms is never a second of silence on the wire, but a partial head is
   * no request, so the idle timeout still runs out.
   */
  @Test
  void aClientTricklingItsRequestHeadIsCutOff() throws IOException, InterruptedException {
    try (Socket tcp = new Socket("127.0.0.1", server.port())) {
      tcp.setSoTimeout(200);
      OutputStream out = tcp.getOutputStream();
      InputStream in = tcp.getInputStream();
      byte[] head = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad: ".getBytes(StandardCharsets.US_ASCII);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      boolean closed = false;
      for (int i = 0; !closed && System.nanoTime() < deadline; i++) {
        try {
          out.write(i < head.length ? head[i] : 'a');
          out.flush();
          closed = in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
          // still open: another byte
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertTrue(closed, "the server closed a connection that never completed its request head");
    }
  }

  @Test
  void anOversizedRequestHeadIsRefusedWith431() throws IOException {
    assertTrue(rawGet("x".repeat(4096)).startsWith("HTTP/1.1 431 "), "a head over limits.header-bytes");
    assertTrue(rawGet("x".repeat(512)).startsWith("HTTP/1.1 200 "), "an ordinary head is fine");
  }

  /** One request on its own connection, read until the server closes it (idle, or after refusing). */
  private static String rawGet(String pad) throws IOException {
    try (Socket tcp = new Socket("127.0.0.1", server.port())) {
      tcp.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
      OutputStream out = tcp.getOutputStream();
      out.write(("GET /api/status HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + pad + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return readUntilClosed(tcp.getInputStream());
    }
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
  }
}
