package no.lytt.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import no.lytt.config.OpsConfig.LogLevel;
import no.lytt.support.Await;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The log format (one JSON object per line, a random per-connection id, nothing about the person)
 * and changing the level of a running node through its management listener.
 */
class JsonLogTest {
  private final JsonLogFormatter formatter = new JsonLogFormatter();

  @Test
  void aRecordIsOneJsonLineWithTimeLevelLoggerMessageCorrelationAndError() {
    LogRecord record = new LogRecord(Level.SEVERE, "Failed to handle a 'msg' frame\n{\"forged\":true}");
    record.setLoggerName("lytt.socket");
    record.setParameters(new Object[] {new ConnectionLog.CorrelationId("0a1b2c3d4e5f")});
    record.setThrown(new IllegalStateException("boom"));
    String line = formatter.format(record);
    assertTrue(line.endsWith("\n"));
    assertEquals(1, line.split("\n").length, "a message cannot break out of its line");
    JsonObject json = new JsonObject(line);
    assertTrue(json.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), json.encode());
    assertEquals("error", json.getString("level"));
    assertEquals("lytt.socket", json.getString("logger"));
    assertEquals("Failed to handle a 'msg' frame\n{\"forged\":true}", json.getString("message"));
    assertEquals("0a1b2c3d4e5f", json.getString("conn"));
    assertTrue(json.getString("error").startsWith("java.lang.IllegalStateException: boom"));
  }

  @Test
  void aLineWithoutConnectionOrErrorHasNeither() {
    LogRecord record = new LogRecord(Level.FINE, "Lytt listening");
    record.setLoggerName("lytt");
    JsonObject json = new JsonObject(formatter.format(record));
    assertEquals("debug", json.getString("level"));
    assertFalse(json.containsKey("conn"));
    assertFalse(json.containsKey("error"));
  }

  @Test
  void librariesLinesLoseEveryIpAddressButKeepTheRest() {
    LogRecord record = new LogRecord(Level.WARNING,
        "Failed to register an accepted channel: [id: 0x36448a9c, L:/127.0.0.1:45865 ! R:/192.0.2.7:40706]"
            + " and [id: 0x1, L:/[2001:db8::1]:8080 - R:/0:0:0:0:0:0:0:1%0:5000] at 18:16:27.936, version 4.2.20");
    record.setLoggerName("io.netty.bootstrap.ServerBootstrap");
    record.setThrown(new java.io.IOException("Connection reset by 198.51.100.23 (fe80::1%eth0)"));
    String line = formatter.format(record);
    for (String address : List.of("127.0.0.1", "192.0.2.7", "2001:db8::1", "0:0:0:0:0:0:0:1", "198.51.100.23",
        "fe80::1")) {
      assertFalse(line.contains(address), address + " in " + line);
    }
    JsonObject json = new JsonObject(line);
    assertTrue(json.getString("message").contains("L:/<address>:45865 ! R:/<address>:40706"), json.getString("message"));
    assertTrue(json.getString("message").contains("at 18:16:27.936, version 4.2.20"), "times and versions stay");
    assertTrue(json.getString("error").startsWith("java.io.IOException: Connection reset by <address>"));
  }

  @Test
  void correlationIdsAreRandomAndCarryNothingElse() {
    String a = new ConnectionLog("lytt.test").id();
    String b = new ConnectionLog("lytt.test").id();
    assertTrue(a.matches("[0-9a-f]{12}"), a);
    assertFalse(a.equals(b));
  }

  @Test
  void theLevelOfARunningNodeChangesThroughTheManagementListener() throws Exception {
    LogLevel before = LogLevels.current();
    int port = TestServer.freePort();
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (isLoggable(r)) {
          lines.add(formatter.format(r));
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger socketLog = Logger.getLogger("lytt.socket");
    socketLog.addHandler(capture);
    HttpClient http = HttpClient.newHttpClient();
    URI level = URI.create("http://127.0.0.1:" + port + "/log-level");
    try (TestServer node = TestServer.start(Map.of("LYTT_MANAGEMENT_PORT", Integer.toString(port)))) {
      assertEquals(400, put(http, level, "verbose").statusCode());
      HttpResponse<String> set = put(http, level, "debug");
      assertEquals(200, set.statusCode());
      assertEquals("debug\n", set.body());
      assertEquals(LogLevel.DEBUG, LogLevels.current());
      assertEquals("debug\n", http.send(HttpRequest.newBuilder(level).build(),
          HttpResponse.BodyHandlers.ofString()).body());

      // At debug, a socket the server closes leaves a line carrying the connection's id, and no address.
      try (RawSocket socket = node.visitorSocket()) {
        socket.sendBinary(new byte[] {1, 2, 3});
        assertEquals(1003, socket.awaitClose());
      }
      Await.until(() -> lines.stream().anyMatch(l -> l.contains("Closing with 1003")), "the debug line");
      JsonObject closing = new JsonObject(lines.stream().filter(l -> l.contains("Closing with 1003")).findFirst()
          .orElseThrow());
      assertTrue(closing.getString("conn").matches("[0-9a-f]{12}"), closing.encode());
      lines.forEach(l -> assertFalse(l.contains("127.0.0.1") || l.contains("localhost"), l));

      assertEquals(200, put(http, level, "warning").statusCode());
      assertEquals(LogLevel.WARNING, LogLevels.current());
      lines.clear();
      try (RawSocket socket = node.visitorSocket()) {
        socket.sendBinary(new byte[] {1});
        assertEquals(1003, socket.awaitClose());
      }
      assertTrue(lines.isEmpty(), "debug lines are gone again: " + lines);
    } finally {
      socketLog.removeHandler(capture);
      LogLevels.set(before);
    }
  }

  private static HttpResponse<String> put(HttpClient http, URI uri, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
