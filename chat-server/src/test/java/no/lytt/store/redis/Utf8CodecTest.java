package no.lytt.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.lytt.config.StoreConfig;
import no.lytt.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the node reads from Redis comes back as it was written: Norwegian letters, text longer than
 * the codec's scratch array, a multi-byte letter across its edge, and nothing at all.
 */
class Utf8CodecTest {
  private static RedisServer redis;
  private static RedisConnector connector;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.launch();
    connector = RedisConnector.connect(new StoreConfig(StoreConfig.Kind.REDIS, redis.uri(),
        StoreConfig.Topology.STANDALONE, 2000).ephemeral(), 2000, false);
  }

  @AfterAll
  static void stopRedis() {
    connector.close();
    redis.close();
  }

  @Test
  void textReadFromRedisIsTheTextWritten() {
    String norwegian = "Blåbærsyltetøy, Æ Ø Å — «sikker» ✓";
    String longer = "x".repeat(8191) + "ø" + "å".repeat(5000);
    var commands = connector.commands();
    commands.set("t:nb", norwegian).toCompletableFuture().join();
    commands.set("t:long", longer).toCompletableFuture().join();
    commands.set("t:empty", "").toCompletableFuture().join();
    commands.hset("t:hash", Map.of("name", "Kåre", "about", longer)).toCompletableFuture().join();

    assertEquals(norwegian, commands.get("t:nb").toCompletableFuture().join());
    assertEquals(longer, commands.get("t:long").toCompletableFuture().join());
    assertEquals("", commands.get("t:empty").toCompletableFuture().join());
    assertEquals(Map.of("name", "Kåre", "about", longer), commands.hgetall("t:hash").toCompletableFuture().join());
  }

  @Test
  void decodingLeavesTheBufferWhereItWas() {
    byte[] bytes = "…Tønsberg…".getBytes(StandardCharsets.UTF_8);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 4).position(2);
    direct.put(bytes).position(2).limit(2 + bytes.length);
    ByteBuffer heap = ByteBuffer.wrap(bytes);
    byte[] framed = ("ab" + "…Tønsberg…" + "cd").getBytes(StandardCharsets.UTF_8);
    ByteBuffer slice = ByteBuffer.wrap(framed, 1, framed.length - 2).slice().position(1).limit(framed.length - 3);

    assertEquals("…Tønsberg…", Utf8Codec.UTF8.decodeValue(direct));
    assertEquals("…Tønsberg…", Utf8Codec.UTF8.decodeKey(heap));
    assertEquals("…Tønsberg…", Utf8Codec.UTF8.decodeValue(slice), "a slice with an array offset");
    assertEquals(2, direct.position());
    assertEquals(0, heap.position());
    assertEquals(1, slice.position());
  }
}
