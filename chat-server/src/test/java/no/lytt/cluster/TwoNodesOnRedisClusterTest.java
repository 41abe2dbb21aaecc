package no.lytt.cluster;

import java.util.Map;
import no.lytt.support.RedisCluster;

/** The two-node behaviour on a real three-primary Redis Cluster (sharded pub/sub, hash tags). */
class TwoNodesOnRedisClusterTest extends TwoNodesOnRedisTest {
  @Override
  Map<String, String> redis() {
    RedisCluster cluster = RedisCluster.launch();
    redisStarted(cluster);
    return Map.of("LYTT_REDIS_URI", cluster.uris(), "LYTT_REDIS_TOPOLOGY", "cluster");
  }

  @Override
  int extraRoundTripsPerCrossingFrame() {
    return 1;
  }
}
