package no.lytt.socket;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import no.lytt.relay.Chat;

/**
 * An offer the visitor has not answered within the timeout is taken back on the node that made it:
 * the visitor returns to their place and the counsellor's slot is free. An offer can be lost on the
 * way (a socket that died unseen, a page that dropped it); without this, a node with the embedded
 * store would hold that visitor and that slot for ever. With Redis the sweeper also takes back the
 * offers of a node that died; taking back is a no-op for a chat already opened or gone.
 */
public final class OfferTimeouts {
  private final Vertx vertx;
  private final Duration timeout;
  private final Function<String, Future<Optional<Chat>>> takeBack;
  private final Runnable queueChanged;

  public OfferTimeouts(Vertx vertx, Duration timeout, Function<String, Future<Optional<Chat>>> takeBack,
                       Runnable queueChanged) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.takeBack = takeBack;
    this.queueChanged = queueChanged;
  }

  /** A visitor was just offered chat {@code chatId}. */
  public void offered(String chatId) {
    vertx.setTimer(timeout.toMillis(), t -> takeBack.apply(chatId).onSuccess(taken -> {
      if (taken.isPresent()) {
        queueChanged.run();
      }
    }));
  }
}
