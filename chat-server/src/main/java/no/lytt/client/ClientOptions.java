package no.lytt.client;

import io.vertx.core.http.WebSocketClient;

/**
 * How a reference client connects and what it keeps.
 *
 * <p>Tests use {@link #defaults()}: a WebSocket client of its own, and every frame kept so a test
 * can await it later. A load generator holding tens of thousands of clients uses
 * {@link #forLoad(WebSocketClient)}: a WebSocket client shared by many (one per local source
 * address, since one address has only ~28k ephemeral ports) that closing one client leaves open,
 * and nothing kept that nobody is waiting for, so a long run does not grow without bound.
 *
 * @param shared     a WebSocket client to use and not close, or null for one of its own
 * @param keepFrames true to record every frame in the {@link FrameInbox} (history and unclaimed)
 */
public record ClientOptions(WebSocketClient shared, boolean keepFrames) {
  public static ClientOptions defaults() {
    return new ClientOptions(null, true);
  }

  public static ClientOptions forLoad(WebSocketClient shared) {
    return new ClientOptions(shared, false);
  }
}
