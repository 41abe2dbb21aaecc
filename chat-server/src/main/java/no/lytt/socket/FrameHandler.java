package no.lytt.socket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import no.lytt.protocol.Fields;

/** What one kind of connection does with a valid frame, and when it closes. */
public interface FrameHandler {
  Future<?> handle(String type, JsonObject frame, Fields fields);

  void closed();
}
