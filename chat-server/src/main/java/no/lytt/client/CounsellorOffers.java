package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import no.lytt.crypto.B64u;
import no.lytt.crypto.CounsellorChatOffer;
import no.lytt.crypto.DeviceKeys;

/**
 * The counsellor's side of starting chats (docs/crypto.md, handshake steps 1 and 3): a fresh chat
 * key and chatId per {@code accept}, signed by the device, kept until the visitor's {@code enc}
 * arrives, and the future of each chat's session.
 */
final class CounsellorOffers {
  private final DeviceKeys device;
  private final SecureRandom random;
  private final Map<String, CounsellorChatOffer> offers = new ConcurrentHashMap<>();
  private final Map<String, Promise<ChatSession>> chats = new ConcurrentHashMap<>();
  private final AtomicReference<CounsellorChatOffer> spare = new AtomicReference<>();

  CounsellorOffers(DeviceKeys device, SecureRandom random) {
    this.device = device;
    this.random = random;
  }

  /** Makes a chat key and returns the {@code accept} frame carrying it. */
  JsonObject newAccept() {
    return withNewChatKey(new JsonObject().put("type", "accept"));
  }

  /**
   * Makes a chat key for a visitor a colleague hands over and returns the {@code take} frame: a new
   * handshake exactly as for {@code accept}, nothing of the colleague's chat reused.
   */
  JsonObject newTake(String transferId) {
    return withNewChatKey(new JsonObject().put("type", "take").put("transferId", transferId));
  }

  private JsonObject withNewChatKey(JsonObject frame) {
    CounsellorChatOffer kept = spare.getAndSet(null);
    CounsellorChatOffer offer = kept != null ? kept : CounsellorChatOffer.create(device, random);
    offers.put(offer.chatId(), offer);
    chats.put(offer.chatId(), Promise.promise());
    return frame.put("chatId", offer.chatId())
        .put("chatPub", B64u.encode(offer.chatPub()))
        .put("chatKeySig", B64u.encode(offer.chatKeySig()));
  }

  /**
   * The server refused the accept. When it found nobody to hand over ({@code no_match}) no visitor
   * ever saw the chat key, so it is kept for the next accept: with several consoles pressing at
   * once for one newcomer, most presses find nobody, and a key pair and signature for each would
   * be work for nothing. Any other refusal (or a lost answer) drops the key.
   */
  void refused(String chatId, Throwable cause) {
    CounsellorChatOffer unused = offers.remove(chatId);
    if (unused != null && !(cause instanceof ProtocolError e && "no_match".equals(e.code())
        && spare.compareAndSet(null, unused))) {
      unused.destroy();
    }
    Promise<ChatSession> never = chats.remove(chatId);
    if (never != null) {
      never.tryFail(cause);
    }
  }

  /**
   * Completes the handshake for a {@code handshake} frame; returns the session, or null (with the
   * chat's future failed) if the frame is for an unknown chat or its {@code enc} is refused.
   * {@code register} sees the session before anyone waiting for the chat does, so a test that
   * sends the moment the chat is ready never finds it missing.
   */
  ChatSession complete(JsonObject handshake, Warnings warnings, java.util.function.Consumer<ChatSession> register) {
    String chatId = handshake.getString("chatId");
    CounsellorChatOffer offer = offers.remove(chatId);
    Promise<ChatSession> promise = chats.get(chatId);
    if (offer == null || promise == null) {
      warnings.add("handshake for unknown chat " + chatId);
      return null;
    }
    try {
      ChatSession session = new ChatSession(chatId, offer.accept(B64u.decode(
          handshake.getString("enc"))));
      register.accept(session);
      promise.tryComplete(session);
      return session;
    } catch (RuntimeException e) {
      warnings.add("handshake refused for " + chatId + ": " + e.getMessage());
      offer.destroy();
      promise.tryFail(e);
      return null;
    }
  }

  /** Whether this console made the key for {@code chatId} and still waits for its handshake. */
  boolean awaitsHandshake(String chatId) {
    return offers.containsKey(chatId);
  }

  Future<ChatSession> chat(String chatId) {
    Promise<ChatSession> p = chats.get(chatId);
    return p == null ? Future.failedFuture(new IllegalStateException("no chat " + chatId))
        : p.future();
  }

  void destroyAll() {
    CounsellorChatOffer kept = spare.getAndSet(null);
    if (kept != null) {
      kept.destroy();
    }
    offers.values().forEach(CounsellorChatOffer::destroy);
    offers.clear();
  }
}
