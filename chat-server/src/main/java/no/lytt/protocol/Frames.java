package no.lytt.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.lytt.queue.QueueEntry;
import no.lytt.relay.Chat;
import no.lytt.relay.Envelope;

/** Builders for the server's frames, one per frame type in docs/protocol.md. */
public final class Frames {
  public static final int VERSION = 1;

  private Frames() {
  }

  /** One frame from a client: a JSON object, or {@code bad_json}. Never anything else. */
  public static JsonObject parse(String text) {
    try {
      return new JsonObject(text);
    } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
      throw new LyttException(ErrorCode.BAD_JSON, "A frame must be one JSON object.");
    }
  }

  public static JsonObject of(String type) {
    return new JsonObject().put("type", type);
  }

  public static JsonObject error(ErrorCode code, String message, String ref, String chatId) {
    JsonObject f = of("error").put("code", code.wire()).put("message", message);
    if (ref != null) {
      f.put("ref", ref);
    }
    if (chatId != null) {
      f.put("chatId", chatId);
    }
    return f;
  }

  public static JsonObject msg(String chatId, Envelope e) {
    return of("msg").put("chatId", chatId).put("seq", e.seq()).put("ct", e.ct());
  }

  public static JsonObject chatEvent(String type, String chatId) {
    return of(type).put("chatId", chatId);
  }

  public static JsonObject delivered(String chatId, long seq) {
    return chatEvent("delivered", chatId).put("seq", seq);
  }

  public static JsonObject peer(String chatId, boolean present) {
    return chatEvent("peer", chatId).put("state", present ? "back" : "away");
  }

  public static JsonObject ended(String chatId, String by) {
    return chatEvent("ended", chatId).put("by", by);
  }

  public static JsonObject offer(Chat chat) {
    return chatEvent("offer", chat.chatId())
        .put("chatPub", chat.offer().chatPub())
        .put("chatKeySig", chat.offer().chatKeySig())
        .put("certificate", new JsonObject(Map.copyOf(chat.offer().certificate())));
  }

  public static JsonObject handshake(String chatId, String enc) {
    return chatEvent("handshake", chatId).put("enc", enc);
  }

  public static JsonObject visitorSummary(QueueEntry e) {
    return new JsonObject()
        .put("preference", e.preference().wire())
        .put("language", e.language().code())
        .put("joinedAt", e.joinedAt().toEpochMilli());
  }

  /** @param head the first entries of a queue {@code length} long */
  public static JsonObject queueForCounsellors(List<QueueEntry> head, int length, long nowMillis) {
    JsonArray list = new JsonArray();
    for (QueueEntry e : head) {
      list.add(visitorSummary(e).put("id", e.id()));
    }
    return of("queue").put("now", nowMillis).put("length", length).put("entries", list);
  }
}
