package no.lytt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.file.Files;
import java.util.Map;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node started while Redis holds every write for a moment (as during a failover, or behind a
 * long script): its first writes time out, and instead of exiting it tries them again and comes up
 * once Redis answers, ready for visitors and counsellors.
 */
class SlowRedisAtStartTest {
  private final RedisServer redis = RedisServer.launch();
  private final RedisClient admin = RedisClient.create(redis.uri());
  private final StatefulRedisConnection<String, String> adminConnection = admin.connect();
  private final ChatClients clients = new ChatClients();
  private TestServer node;

  @AfterEach
  void stop() {
    clients.close();
    if (node != null) {
      node.close();
    }
    adminConnection.close();
    admin.shutdown();
    redis.close();
  }

  @Test
  void aNodeStartedWhileRedisHoldsItsWritesComesUpOnceRedisAnswersAndServesAChat() throws Exception {
    // Development mode writes its demo accounts at start: those writes wait behind the pause,
    // far longer than the node's 300 ms command timeout.
    pauseWritesFor(2_000);
    node = TestServer.start(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(),
        "LYTT_HOURS_OVERRIDE", "open", "LYTT_REDIS_TIMEOUT_MS", "300",
        "LYTT_ORG_DEV_KEY_FILE", Files.createTempDirectory("lytt-slow-start-").resolve("dev-org.key").toString()));

    CounsellorClient counsellor = clients.demoOnDuty(node, 2);
    VisitorClient visitor = clients.visitor(node);
    String chatId = ChatClients.startChat(counsellor, visitor);
    Await.of(visitor.send("is anyone there?"));
    assertEquals("is anyone there?", Await.of(counsellor.nextMessage(chatId)).text());
  }

  private void pauseWritesFor(int millis) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(millis).add("WRITE");
    adminConnection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), args);
  }
}
