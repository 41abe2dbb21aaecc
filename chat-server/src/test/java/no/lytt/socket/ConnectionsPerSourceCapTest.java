package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.http.UpgradeRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.lytt.support.Await;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * limits.connections-per-source on a real node: the upgrade after the cap is refused with 429
 * before anything exists for it, a closed socket frees its place, and behind a trusted proxy each
 * forwarded address is its own source — while a forged header from anyone else changes nothing.
 */
@Timeout(60)
class ConnectionsPerSourceCapTest {
  private static final int CAP = 3;

  private static RawSocket visitor(TestServer server, Map<String, String> headers) {
    RawSocket s = RawSocket.connect(server.vertx(), server.port(), "/ws/visitor", server.origin(), null, headers);
    s.next("welcome");
    return s;
  }

  private static int refusal(TestServer server, String path, String origin, String cookie, Map<String, String> headers) {
    return assertThrows(UpgradeRejectedException.class,
        () -> RawSocket.connect(server.vertx(), server.port(), path, origin, cookie, headers).close()).getStatus();
  }

  private static void closeAll(List<RawSocket> sockets) {
    sockets.forEach(RawSocket::close);
  }

  @Test
  void theUpgradeAfterTheCapIsRefusedWith429AndClosingOneLetsANewOneIn() {
    // Open by hand: the test joins, and the planned hours would make it pass only in the evening.
    try (TestServer server = TestServer.start(Map.of("LYTT_LIMITS_CONNECTIONS_PER_SOURCE", Integer.toString(CAP),
        "LYTT_HOURS_OVERRIDE", "open"))) {
      String cookie = server.login("demo", TestServer.DEMO_PASSWORD);
      List<RawSocket> open = new ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          open.add(visitor(server, Map.of()));
        }
        assertEquals(429, refusal(server, "/ws/visitor", server.origin(), null, Map.of()));
        assertEquals(429, refusal(server, "/ws/visitor", server.origin(), null, Map.of("X-Forwarded-For", "203.0.113.7")),
            "no trusted proxy configured: the header is not believed");
        assertEquals(429, refusal(server, "/ws/console", server.origin(), cookie, Map.of()),
            "consoles count too: one source, one budget");
        assertEquals(403, refusal(server, "/ws/visitor", "https://evil.example", null, Map.of()),
            "another site's page is refused for that, first");

        open.get(0).send(new io.vertx.core.json.JsonObject().put("type", "join").put("preference", "none")
            .put("language", "nb"));
        open.get(0).next("joined");
        open.remove(0).close();
        // The server learns of the close a moment after the client: wait for the place, not a time.
        RawSocket[] next = new RawSocket[1];
        Await.until(() -> (next[0] = tryVisitor(server)) != null, "a new socket after one closed");
        open.add(next[0]);
        assertEquals(429, refusal(server, "/ws/visitor", server.origin(), null, Map.of()), "and the cap holds again");
        for (RawSocket s : open) {
          s.send(new io.vertx.core.json.JsonObject().put("type", "leave"));
          assertEquals("wrong_state", s.nextError().getString("code"), "the admitted sockets work as ever");
        }
      } finally {
        closeAll(open);
      }
    }
  }

  @Test
  void behindATrustedProxyEachForwardedAddressHasItsOwnCap() {
    try (TestServer server = TestServer.start(Map.of("LYTT_LIMITS_CONNECTIONS_PER_SOURCE", Integer.toString(CAP),
        "LYTT_HTTP_TRUSTED_PROXIES", "127.0.0.1"))) {
      List<RawSocket> open = new ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          open.add(visitor(server, Map.of("X-Forwarded-For", "203.0.113.1")));
        }
        assertEquals(429, refusal(server, "/ws/visitor", server.origin(), null, Map.of("X-Forwarded-For", "203.0.113.1")));
        assertEquals(429, refusal(server, "/ws/visitor", server.origin(), null,
            Map.of("X-Forwarded-For", "198.51.100.99, 203.0.113.1")),
            "what a client wrote left of the proxy's entry does not make it another source");
        for (int i = 0; i < CAP; i++) {
          open.add(visitor(server, Map.of("X-Forwarded-For", "203.0.113.2")));
        }
        assertEquals(429, refusal(server, "/ws/visitor", server.origin(), null, Map.of("X-Forwarded-For", "203.0.113.2")));
        open.add(visitor(server, Map.of()));
        assertEquals(2 * CAP + 1, open.size(), "two forwarded sources and the proxy itself, each under its own cap");
      } finally {
        closeAll(open);
      }
    }
  }

  private static RawSocket tryVisitor(TestServer server) {
    try {
      return visitor(server, Map.of());
    } catch (UpgradeRejectedException e) {
      assertEquals(429, e.getStatus());
      return null;
    }
  }
}
