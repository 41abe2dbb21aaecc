package no.lytt.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.Map;
import no.lytt.support.Await;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * What a draining node does on its own, in one process: it closes every socket with 4003, refuses
 * new ones and says so at {@code /ready} (503), so a load balancer moves everyone elsewhere, and
 * shows it in its metrics. The move itself, across nodes behind nginx, is
 * {@code cluster/RollingRestartTest}.
 */
class DrainTest {

  @Test
  void aDrainingNodeClosesItsSocketsWith4003AndRefusesNewOnes() {
    try (TestServer node = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
         RawSocket visitor = node.visitorSocket()) {
      visitor.next("welcome");
      visitor.send("{\"type\":\"join\",\"preference\":\"none\",\"language\":\"nb\"}");
      visitor.next("joined");
      assertEquals(200, node.request(HttpMethod.GET, "/ready", null, null).status());

      Await.of(node.lytt().drain());

      assertEquals(NodeDrain.MOVE_CLOSE_CODE, visitor.awaitClose());
      TestServer.HttpResult ready = node.request(HttpMethod.GET, "/ready", null, null);
      assertEquals(503, ready.status());
      assertEquals("draining", ready.json().getString("status"));
      assertEquals(503, assertThrows(UpgradeRejectedException.class, node::visitorSocket).getStatus());
      String metrics = node.lytt().metrics().scrape();
      assertTrue(metrics.contains("\nlytt_draining 1\n"), metrics);
      assertTrue(metrics.contains("\nlytt_socket_closes_total{code=\"4003\"} 1\n"), metrics);
      assertTrue(metrics.contains("\nlytt_connections{kind=\"visitor\"} 0\n"), metrics);
    }
  }
}
