package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import no.lytt.metrics.LyttMetrics;
import no.lytt.protocol.Fields;
import no.lytt.protocol.FrameText;
import no.lytt.protocol.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code queue} frame says where the queue stands now. When a socket's event loop is behind, the
 * frames for it wait; a newer queue frame then replaces the one waiting instead of queueing behind
 * it, so a console catching up reads one current view, not every view in between.
 */
class QueueFramesTest {
  private static final Limits LIMITS = new Limits(64 * 1024, 1000, 1000, Duration.ofMinutes(1), Duration.ofMinutes(1));

  private Vertx vertx;
  private HttpServer server;
  private final CompletableFuture<Connection> connection = new CompletableFuture<>();
  private final CompletableFuture<Context> socketContext = new CompletableFuture<>();
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void connect() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().webSocketHandler(ws -> {
      Context context = vertx.getOrCreateContext();
      Connection c = new Connection(ws, context, LIMITS, new LyttMetrics(), () -> { });
      c.start(new FrameHandler() {
        @Override
        public Future<?> handle(String type, JsonObject frame, Fields fields) {
          return Future.succeededFuture();
        }

        @Override
        public void closed() {
        }
      });
      socketContext.complete(context);
      connection.complete(c);
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    WebSocket client = vertx.createWebSocketClient().connect(server.actualPort(), "127.0.0.1", "/")
        .await(10, TimeUnit.SECONDS);
    client.textMessageHandler(text -> received.add(new JsonObject(text)));
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aSocketThatFellBehindIsSentTheNewestQueueViewOnceAndEveryOtherFrameInOrder() throws Exception {
    Connection c = connection.get(10, TimeUnit.SECONDS);
    CountDownLatch busy = new CountDownLatch(1);
    socketContext.get().runOnContext(v -> await(busy));

    for (int length = 1; length <= 50; length++) {
      c.send(queueView(length));
      if (length % 10 == 0) {
        c.send(Frames.of("typing").put("chatId", "c1").put("n", length));
      }
    }
    busy.countDown();

    List<JsonObject> frames = take(6);
    assertEquals(List.of("queue", "typing", "typing", "typing", "typing", "typing"),
        frames.stream().map(f -> f.getString("type")).toList());
    assertEquals(50, frames.get(0).getInteger("length"), "the newest view, not the first");
    assertEquals(List.of(10, 20, 30, 40, 50), frames.stream().skip(1).map(f -> f.getInteger("n")).toList());
    assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS), "no view in between follows");
  }

  @Test
  void aViewWrittenOnTheSocketsOwnLoopIsNotFollowedByAnOlderOneThatWaited() throws Exception {
    Connection c = connection.get(10, TimeUnit.SECONDS);
    CountDownLatch busy = new CountDownLatch(1);
    socketContext.get().runOnContext(v -> {
      await(busy);
      c.send(queueView(2));
    });

    c.send(queueView(1));
    busy.countDown();

    assertEquals(2, take(1).get(0).getInteger("length"));
    assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS), "view 1 is older and is dropped");
  }

  @Test
  void aSocketThatKeepsUpIsSentEveryView() throws Exception {
    Connection c = connection.get(10, TimeUnit.SECONDS);
    List<Integer> lengths = new ArrayList<>();
    for (int length = 1; length <= 3; length++) {
      c.send(queueView(length));
      lengths.add(take(1).get(0).getInteger("length"));
    }
    assertEquals(List.of(1, 2, 3), lengths);
  }

  @Test
  void aConsoleIsNotSentAViewThatShowsWhatItsLastOneShowedUnlessItClearedItsOwn() throws Exception {
    Connection c = connection.get(10, TimeUnit.SECONDS);
    show(c, 1, 1000);
    assertEquals(1000L, take(1).get(0).getLong("now"));
    show(c, 1, 2000);
    assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS), "the view at 2000 shows the same queue");
    show(c, 2, 3000);
    assertEquals(3000L, take(1).get(0).getLong("now"));

    c.forgetQueueShown();
    show(c, 2, 4000);
    assertEquals(4000L, take(1).get(0).getLong("now"), "after going off duty the console shows no queue");
    assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS));
  }

  private static void show(Connection c, int length, long now) {
    JsonObject view = Frames.queueForCounsellors(List.of(), length, now);
    JsonObject withoutClock = view.copy();
    withoutClock.remove("now");
    c.showQueue(FrameText.of(view), FrameText.of(withoutClock));
  }

  private static JsonObject queueView(int length) {
    return Frames.queueForCounsellors(List.of(), length, 0);
  }

  private List<JsonObject> take(int n) throws InterruptedException {
    List<JsonObject> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonObject f = received.poll(10, TimeUnit.SECONDS);
      if (f == null) {
        throw new AssertionError("only " + frames + " arrived");
      }
      frames.add(f);
    }
    return frames;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
