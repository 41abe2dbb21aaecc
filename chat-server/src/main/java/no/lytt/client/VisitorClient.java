package no.lytt.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import no.lytt.crypto.CryptoException;

/**
 * An anonymous visitor on {@code /ws/visitor}, doing what the visitor page does: join the queue,
 * verify an {@code offer} against the pinned organisation key and answer {@code handshake} (or
 * {@code reject} with the reason, sending nothing else), then chat with automatic
 * acknowledgements, and {@link #reconnect() resume} after a dropped connection with its keys and
 * unacknowledged envelopes intact.
 *
 * <p>All methods are safe to call from any thread; events are futures ({@link #chat()},
 * {@link #nextMessage()}, {@link #frames()}).
 */
public final class VisitorClient {
  private final Connection connection;
  private final ChatTraffic traffic;
  private final Warnings warnings = new Warnings();
  private final VisitorOffers offers;
  private volatile URI uri;
  private volatile String origin;
  private volatile String resumeToken;
  private volatile String chatId;
  private volatile Promise<ChatSession> chat = Promise.promise();
  /** Every chat this visitor answered an offer for, the first and any after a hand-over. */
  private final Mailbox<ChatSession> chats = new Mailbox<>(true);
  private final Mover mover;

  /**
   * @param orgPub the pinned organisation public key (the pages' {@code lytt-org-key})
   * @param clock  the visitor's clock, for certificate validity
   */
  public VisitorClient(Vertx vertx, byte[] orgPub, Clock clock) {
    this(vertx, orgPub, clock, ClientOptions.defaults());
  }

  public VisitorClient(Vertx vertx, byte[] orgPub, Clock clock, ClientOptions options) {
    this.connection = new Connection(vertx, warnings, options);
    this.traffic = new ChatTraffic(vertx, connection, warnings);
    this.offers = new VisitorOffers(orgPub, clock);
    connection.on("offer", this::onOffer);
    connection.on("resumed", this::onResumed);
    // A visitor who has not joined has nothing to resume: a new connection is all it needs.
    this.mover = new Mover(vertx, () -> resumeToken == null ? connection.open(uri, origin, null) : reconnect(),
        warnings);
    connection.onMoved(mover::move);
  }

  /** Connects to {@code uri} (e.g. {@code ws://host:port/ws/visitor}); completes with welcome. */
  public Future<JsonObject> connect(URI uri, String origin) {
    this.uri = uri;
    this.origin = origin;
    return connection.open(uri, origin, null);
  }

  /** Joins the queue; completes with {@code joined} or fails with a {@link ProtocolError}. */
  public Future<JsonObject> join(String preference, String language) {
    return join(preference, language, null);
  }

  /**
   * Joins with an out-of-hours ticket ({@code ticketLookup}, the lookup value of its code; null for
   * none): the visitor queues from the time the ticket was taken.
   */
  public Future<JsonObject> join(String preference, String language, String ticketLookup) {
    chat = Promise.promise();
    return connection.request(new JsonObject().put("type", "join").put("preference", preference)
        .put("language", language).put("ticket", ticketLookup), "joined", f -> true)
        .onSuccess(joined -> resumeToken = joined.getString("resumeToken"));
  }

  public Future<JsonObject> leave() {
    return connection.request(new JsonObject().put("type", "leave"), "left", f -> true);
  }

  /** "How did you find us?": completes with {@code answered}, or fails with a {@link ProtocolError}. */
  public Future<JsonObject> answerSource(String sourceId) {
    return connection.request(new JsonObject().put("type", "source").put("id", sourceId), "answered",
        f -> "source".equals(f.getString("question")));
  }

  /** "Was this helpful?" ({@code yes}, {@code partly}, {@code no}), as {@link #answerSource}. */
  public Future<JsonObject> answerHelpful(String answer) {
    return connection.request(new JsonObject().put("type", "helpful").put("answer", answer), "answered",
        f -> "helpful".equals(f.getString("question")));
  }

  /** Completes when an offer has been verified and the handshake sent; fails if it was refused. */
  public Future<ChatSession> chat() {
    return chat.future();
  }

  /**
   * The chat after {@code previousChatId}: a colleague took the conversation over, with a new
   * offer verified and answered exactly as the first.
   */
  public Future<ChatSession> chatAfter(String previousChatId) {
    return chats.next(s -> !s.chatId().equals(previousChatId));
  }

  public Future<Long> send(String text) {
    return withChat(id -> traffic.sendText(id, text));
  }

  /** The next decrypted message (text or the peer's end marker). */
  public Future<ReceivedMessage> nextMessage() {
    return traffic.next(m -> true);
  }

  /**
   * {@code handler} hears the chat id when a message arrives after a gap. It is not shown; the
   * pages reconnect and resume at once, which brings the missing ones.
   */
  public void onGap(Handler<String> handler) {
    traffic.onGap(handler);
  }

  /** Every later message goes to {@code handler} instead of {@link #nextMessage()}. */
  public void onMessage(Handler<ReceivedMessage> handler) {
    traffic.onMessage(handler);
  }

  public Future<Void> typing() {
    return withChat(traffic::typing);
  }

  /** Ends the chat: the encrypted end marker, then {@code end}. */
  public Future<Void> end() {
    return withChat(traffic::end);
  }

  /** Drops the connection without a goodbye, as a phone losing its network would. */
  public Future<Void> disconnect() {
    return connection.disconnect();
  }

  /**
   * Opens a new connection and resumes with the token and the highest seq received. Completes with
   * {@code resumed}, after our unacknowledged envelopes beyond the server's {@code lastSeq} have
   * been re-sent.
   */
  public Future<JsonObject> reconnect() {
    return reconnect(uri, origin);
  }

  /** {@link #reconnect()} to another node, as after a node restart behind a load balancer. */
  public Future<JsonObject> reconnect(URI newUri, String newOrigin) {
    this.uri = newUri;
    this.origin = newOrigin;
    String token = resumeToken;
    if (token == null) {
      return Future.failedFuture(new IllegalStateException("never joined"));
    }
    String id = chatId;
    long lastSeq = id == null ? 0 : traffic.session(id).lastReceivedSeq();
    return connection.open(uri, origin, null).compose(welcome -> connection.request(
        new JsonObject().put("type", "resume").put("token", token).put("lastSeq", lastSeq),
        "resumed", f -> true));
  }

  /** The current chat's session, or null before one has started. */
  public ChatSession session() {
    String id = chatId;
    return id == null ? null : traffic.sessions().get(id);
  }

  /** How many times this client has moved to another node at a draining node's request. */
  public int moves() {
    return mover.moves();
  }

  public String resumeToken() {
    return resumeToken;
  }

  public FrameInbox frames() {
    return connection.inbox();
  }

  public List<String> warnings() {
    return warnings.all();
  }

  /** The current transport, for tests that need raw access (bad frames, close codes). */
  public Transport transport() {
    return connection.transport();
  }

  public Future<Void> close() {
    return connection.close();
  }

  private <T> Future<T> withChat(Function<String, Future<T>> action) {
    String id = chatId;
    return id == null ? Future.failedFuture(new IllegalStateException("no chat yet"))
        : action.apply(id);
  }

  private void onOffer(JsonObject offer) {
    Promise<ChatSession> pending = chat;
    try {
      ChatSession session = offers.answer(offer, connection::send);
      traffic.add(session);
      chatId = session.chatId();
      pending.tryComplete(session);
      chats.put(session);
    } catch (CryptoException e) {
      warnings.add("offer refused: " + VisitorOffers.rejectReason(e.reason()));
      pending.tryFail(e);
    }
  }

  private void onResumed(JsonObject resumed) {
    String id = resumed.getString("chatId");
    if ("chatting".equals(resumed.getString("state")) && id != null) {
      traffic.resend(id, resumed.getLong("lastSeq", 0L));
    }
  }
}
