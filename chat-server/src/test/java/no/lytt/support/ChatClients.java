package no.lytt.support;

import io.vertx.core.Vertx;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import no.lytt.client.ChatSession;
import no.lytt.client.CounsellorClient;
import no.lytt.client.VisitorClient;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceKeys;

/**
 * Reference clients connected to test nodes, all closed together at the end of a test. They run
 * on a Vert.x of their own, as browsers are separate from servers: a node that crashes takes its
 * sockets with it, not the clients.
 */
public final class ChatClients implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Vertx vertx = Vertx.vertx();
  private final List<VisitorClient> visitors = new ArrayList<>();
  private final List<CounsellorClient> counsellors = new ArrayList<>();

  /** A visitor on {@code node}'s page: it pins that node's organisation key. */
  public VisitorClient visitor(TestServer node) {
    VisitorClient v = new VisitorClient(vertx, B64u.decode(node.lytt().organisationPublicKey()),
        Clock.systemUTC());
    visitors.add(v);
    Await.of(v.connect(node.visitorUri(), node.origin()));
    return v;
  }

  /** A counsellor logged in on {@code node} with a certified device, on duty with {@code capacity}. */
  public CounsellorClient onDuty(TestServer node, String username, String password, int capacity) {
    CounsellorClient c = new CounsellorClient(vertx, URI.create(node.origin() + "/"), node.origin(),
        DeviceKeys.generate(RANDOM), RANDOM);
    counsellors.add(c);
    Await.of(c.login(username, password));
    Await.of(c.registerDevice());
    Await.of(c.connect());
    Await.of(c.hello());
    Await.of(c.duty(true, capacity));
    return c;
  }

  public CounsellorClient demoOnDuty(TestServer node, int capacity) {
    return onDuty(node, "demo", TestServer.DEMO_PASSWORD, capacity);
  }

  /** The visitor joins, the counsellor accepts, both finish the handshake; returns the chat id. */
  public static String startChat(CounsellorClient counsellor, VisitorClient visitor) {
    Await.of(visitor.join("none", "nb"));
    String chatId = Await.of(counsellor.accept()).getString("chatId");
    chatOf(visitor);
    Await.of(counsellor.chat(chatId));
    return chatId;
  }

  /** The visitor's chat once offered; if none comes, the failure tells what the visitor did get. */
  public static ChatSession chatOf(VisitorClient visitor) {
    try {
      return Await.of(visitor.chat());
    } catch (AssertionError e) {
      throw new AssertionError("no chat reached the visitor; it received " + visitor.frames().history().stream()
          .map(f -> f.getString("type")).toList() + ", warnings " + visitor.warnings(), e);
    }
  }

  @Override
  public void close() {
      visitors.forEach(v -> quietly(v.close()));
    counsellors.forEach(c -> quietly(c.close()));
    quietly(vertx.close());
  }

  private static void quietly(io.vertx.core.Future<Void> closing) {
    try {
      closing.toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing what is already gone
    }
  }
}
