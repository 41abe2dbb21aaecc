package no.lytt.store.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import no.lytt.protocol.Ids;
import org.junit.jupiter.api.Test;

/**
 * A location in Redis holds a node id, or {@code -<node>@<millis>} once its client has left. A node
 * whose id began with {@code -} would have every one of its clients read as gone: offers dropped,
 * queue places released by the sweeper moments after joining.
 */
class NodeIdTest {
  @Test
  void noNodeIdReadsAsADeparture() {
    Ids ids = new Ids(new SecureRandom());
    for (int i = 0; i < 10_000; i++) {
      assertTrue(RedisClients.validNodeId(RedisClients.newNodeId(ids)));
    }
  }

  @Test
  void idsThatWouldReadAsADepartureAreRefused() {
    assertFalse(RedisClients.validNodeId("-abc"));
    assertFalse(RedisClients.validNodeId("abc@123"));
    assertFalse(RedisClients.validNodeId(""));
  }
}
