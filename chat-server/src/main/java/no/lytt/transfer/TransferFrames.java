package no.lytt.transfer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import no.lytt.protocol.Frames;
import no.lytt.relay.Chat;

/** The frames of a hand-over (docs/protocol.md, "Handing a chat to a colleague"). */
public final class TransferFrames {
  private TransferFrames() {
  }

  public static JsonObject colleagues(String chatId, List<Colleague> colleagues) {
    JsonArray list = new JsonArray();
    colleagues.forEach(c -> list.add(new JsonObject().put("username", c.username())
        .put("displayName", c.displayName()).put("matches", c.matches()).put("free", c.free())));
    return Frames.chatEvent("colleagues", chatId).put("colleagues", list);
  }

  /** To the first counsellor: the colleague has been asked; the chat runs on meanwhile. */
  public static JsonObject transferring(String chatId, String to, String displayName) {
    return Frames.chatEvent("transferring", chatId).put("to", to).put("displayName", displayName);
  }

  /** To the colleague's console, which answers {@code take} with a fresh chat key (or {@code decline}). */
  public static JsonObject handover(Chat chat, String fromDisplayName) {
    return Frames.of("handover").put("transferId", chat.chatId()).put("from", fromDisplayName)
        .put("visitor", Frames.visitorSummary(chat.visitor()));
  }

  /** To the first counsellor: the hand-over did not happen and the chat is still theirs. */
  public static JsonObject failed(String chatId, String reason) {
    return Frames.chatEvent("transfer_failed", chatId).put("reason", reason);
  }

  /** To the first counsellor: their chat ended because the colleague now has the visitor. */
  public static JsonObject handedOver(String chatId, String toDisplayName) {
    return Frames.ended(chatId, "transferred").put("to", toDisplayName);
  }
}
