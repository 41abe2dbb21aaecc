package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import no.lytt.client.ClientOptions;
import no.lytt.client.CounsellorClient;
import no.lytt.client.FrameInbox;
import no.lytt.client.ProtocolError;
import no.lytt.client.ReceivedMessage;
import no.lytt.client.VisitorClient;
import no.lytt.crypto.DeviceKeys;

/**
 * Lytt chats driven by the reference client, exactly as the pages drive them: counsellors log in,
 * register a device (certified by the development organisation key), go on duty; each visitor
 * connects, joins the queue, a counsellor accepts, the visitor verifies the offer and completes the
 * HPKE handshake; then messages are sealed, relayed, opened and acknowledged for real.
 *
 * <p>Counsellors accept concurrently, so a counsellor may take another chain's visitor; chats are
 * paired by chat id once every handshake is done.
 *
 * <p>When the server refuses a {@code msg}, the reference client sends it again on the same socket
 * after 2 s, with every later one not yet delivered, as the pages do. A message arriving after a
 * gap, or re-sends the server keeps answering {@code bad_sequence}, make the client reconnect and
 * resume at once, as the pages do.
 */
final class LyttChats implements ChatTarget {
  private final Vertx vertx;
  private final Sources sources;
  private final LyttNodes nodes;
  private final Tracker tracker;
  private final int visitorNode;
  private final int counsellorNode;
  private final int capacity;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Integer> indexOf = new ConcurrentHashMap<>();
  private final Map<String, VisitorClient> visitorByChat = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.LongAdder> serverErrors = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.LongAdder resyncs = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder receiveGaps = new java.util.concurrent.atomic.LongAdder();
  private final Reconnects reconnects;
  private final List<VisitorClient> allVisitors = java.util.Collections.synchronizedList(new ArrayList<>());
  private CounsellorClient[] counsellors = new CounsellorClient[0];
  private VisitorClient[] visitors;
  private CounsellorClient[] counsellorOf;
  private String[] chatIds;
  private AtomicIntegerArray away;

  Vertx vertx() {
    return vertx;
  }

  LyttChats(Vertx vertx, Sources sources, LyttNodes nodes, Tracker tracker, int visitorNode,
            int counsellorNode, int capacity) {
    this.vertx = vertx;
    this.sources = sources;
    this.nodes = nodes;
    this.tracker = tracker;
    this.visitorNode = visitorNode;
    this.counsellorNode = counsellorNode;
    this.capacity = capacity;
    this.reconnects = new Reconnects(vertx);
  }

  @Override
  public Future<Void> open(int chats) {
    visitors = new VisitorClient[chats];
    counsellorOf = new CounsellorClient[chats];
    chatIds = new String[chats];
    away = new AtomicIntegerArray(chats);
    counsellors = new CounsellorClient[(chats + capacity - 1) / capacity];
    return Parallel.run(counsellors.length, 8, i -> Patience.retry(vertx, () -> onDuty(i)).onSuccess(c -> counsellors[i] = c))
        .compose(v -> Parallel.run(chats, 64, this::startChat))
        .map(v -> {
          for (int i = 0; i < chats; i++) {
            visitors[i] = visitorByChat.get(chatIds[i]);
            indexOf.put(chatIds[i], i);
          }
          return null;
        });
  }

  /** A logged-in counsellor with a certified device, on duty with {@link #capacity}. */
  Future<CounsellorClient> onDuty(int i) {
    CounsellorClient c = new CounsellorClient(vertx, nodes.base(counsellorNode), nodes.origin(),
        DeviceKeys.generate(random), random, ClientOptions.forLoad(sources.next()));
    c.onMessage(m -> received(m, 0));
    countErrors(c.frames(), "counsellor");
    c.onGap(chatId -> {
      receiveGaps.increment();
      resync(c, 0, c::reconnect, c::disconnect);
    });
    return c.login(SeededNode.username(i), nodes.password())
        .compose(v -> c.registerDevice())
        .compose(d -> c.connect())
        .compose(w -> c.hello())
        .compose(h -> c.duty(true, capacity))
        .map(c)
        .onFailure(e -> c.close());
  }

  /** A new visitor, not yet connected; closed with the rest. */
  VisitorClient visitor() {
    VisitorClient v = new VisitorClient(vertx, nodes.orgPub(), Clock.systemUTC(),
        ClientOptions.forLoad(sources.next()));
    v.onMessage(m -> received(m, 1));
    countErrors(v.frames(), "visitor");
    v.onGap(chatId -> {
      receiveGaps.increment();
      resyncVisitor(v, chatId, 0);
    });
    allVisitors.add(v);
    return v;
  }

  private Future<?> startChat(int i) {
    CounsellorClient c = counsellors[i / capacity];
    return Patience.retry(vertx, this::queuedVisitor).compose(v -> Patience.retry(vertx, () -> accept(c, 500))
        .compose(accepted -> {
          chatIds[i] = accepted.getString("chatId");
          counsellorOf[i] = c;
          return c.chat(chatIds[i]);
        })
        .compose(s -> v.chat())
        .onSuccess(s -> visitorByChat.put(s.chatId(), v)));
  }

  /**
   * A new visitor, connected and queued. One the node could not queue is let go and another comes,
   * as a page reloaded after "try again shortly" would.
   */
  private Future<VisitorClient> queuedVisitor() {
    VisitorClient v = visitor();
    return v.connect(nodes.visitorUri(visitorNode), nodes.origin())
        .compose(w -> v.join("none", "nb"))
        .map(v)
        .onFailure(e -> v.disconnect());
  }

  /**
   * {@code count} more visitors on {@code node}, connected and queued, each sending nothing after
   * its join (an anxious visitor watching the queue position). Completes when all have joined.
   */
  Future<List<VisitorClient>> queued(int node, int count) {
    List<VisitorClient> joined = java.util.Collections.synchronizedList(new ArrayList<>());
    return Parallel.run(count, 200, i -> {
      VisitorClient v = visitor();
      return v.connect(nodes.visitorUri(node), nodes.origin())
          .compose(w -> v.join("none", "nb"))
          .onSuccess(j -> joined.add(v));
    }).map(v -> joined);
  }

  /** Accepts, retrying while another counsellor's accept took the visitor this one was meant for. */
  Future<JsonObject> accept(CounsellorClient c, int triesLeft) {
    return c.accept().recover(e -> e instanceof ProtocolError pe && "no_match".equals(pe.code())
        && triesLeft > 0
        ? vertx.timer(10).compose(t -> accept(c, triesLeft - 1))
        : Future.failedFuture(e));
  }

  /**
   * Counts the server's error frames by code and the request they answer (never their text). The
   * next waiter is registered in the previous one's callback, on the event loop delivering the
   * frames, so none slips by.
   */
  private void countErrors(FrameInbox inbox, String side) {
    inbox.next("error").onSuccess(f -> {
      serverErrors.computeIfAbsent(side + ":" + f.getString("code") + "/" + f.getString("ref"),
          k -> new java.util.concurrent.atomic.LongAdder()).increment();
      countErrors(inbox, side);
    });
  }

  private void resyncVisitor(VisitorClient v, String chatId, long delayMs) {
    Integer chat = indexOf.get(String.valueOf(chatId));
    if (chat != null) {
      away(chat, true);
      resync(v, delayMs, v::reconnect, v::disconnect).onSuccess(r -> away(chat, false));
    }
  }

  private Future<Void> resync(Object client, long delayMs, java.util.function.Supplier<Future<?>> reconnect,
                              java.util.function.Supplier<Future<?>> disconnect) {
    resyncs.increment();
    return reconnects.reconnect(client, delayMs, reconnect, disconnect);
  }

  /**
   * Visitor {@code chat} lost its socket: it sends nothing until it has reconnected (after
   * {@code delayMs}, then with the page's backoff) and resumed.
   */
  Future<Void> reconnectVisitor(int chat, long delayMs) {
    VisitorClient v = visitors[chat];
    away(chat, true);
    return reconnects.reconnect(v, delayMs, v::reconnect, v::disconnect).onSuccess(r -> away(chat, false));
  }

  Reconnects reconnects() {
    return reconnects;
  }

  /** How many times a gap (received, or re-sends out of step) made a client reconnect and resume. */
  long resyncs() {
    return resyncs.sum();
  }

  /** Messages that arrived after a gap (not shown; a resume brings the missing ones). */
  long receiveGaps() {
    return receiveGaps.sum();
  }

  /** Error frames received so far by the side receiving them, e.g. {@code {visitor:buffer_full/msg=3}}. */
  String serverErrors() {
    Map<String, Long> out = new java.util.TreeMap<>();
    serverErrors.forEach((k, v) -> out.put(k, v.sum()));
    return out.toString();
  }

  /** {@code fromSide}: 0 when the visitor sent it (the counsellor received it), 1 the other way. */
  private void received(ReceivedMessage m, int fromSide) {
    Integer i = indexOf.get(m.chatId());
    if (i != null && !m.isEnd()) {
      tracker.received(i, fromSide, m.text());
    }
  }

  @Override
  public boolean canSend(int chat, int side) {
    return side == 1 || away.get(chat) == 0;
  }

  @Override
  public void send(int chat, int side, String payload) {
    Future<Long> sent = side == 0 ? visitors[chat].send(payload)
        : counsellorOf[chat].send(chatIds[chat], payload);
    sent.onFailure(e -> tracker.error());
  }

  @Override
  public void pauseReader(int chat, boolean paused) {
    if (paused) {
      visitors[chat].transport().pause();
    } else {
      visitors[chat].transport().resume();
    }
  }

  /**
   * What both ends of each of {@code chats} hold: the sender's last seq and how many it still
   * waits to hear delivered, the receiver's last opened seq, and whether each socket is open.
   */
  String ends(java.util.List<Integer> chats) {
    StringBuilder out = new StringBuilder();
    for (int chat : chats) {
      VisitorClient v = visitors[chat];
      CounsellorClient c = counsellorOf[chat];
      var cs = c.session(chatIds[chat]);
      out.append("[chat ").append(chat)
          .append(": counsellor sent ").append(cs == null ? "?" : cs.lastSentSeq())
          .append(" unacked ").append(cs == null ? "?" : cs.unacked().size())
          .append(" open ").append(c.transport() != null && !c.transport().isClosed())
          .append(", visitor opened ").append(v.session() == null ? "?" : v.session().lastReceivedSeq())
          .append(" open ").append(v.transport() != null && !v.transport().isClosed())
          .append("; visitor sent ").append(v.session() == null ? "?" : v.session().lastSentSeq())
          .append(" unacked ").append(v.session() == null ? "?" : v.session().unacked().size())
          .append(", counsellor opened ").append(cs == null ? "?" : cs.lastReceivedSeq())
          .append("] ");
    }
    return out.toString();
  }

  LyttNodes nodes() {
    return nodes;
  }

  VisitorClient visitorOf(int chat) {
    return visitors[chat];
  }

  /** While a visitor reconnects it sends nothing; its unacknowledged envelopes go after resume. */
  void away(int chat, boolean isAway) {
    away.set(chat, isAway ? 1 : 0);
  }

  @Override
  public int connections() {
    int open = 0;
    synchronized (allVisitors) {
      for (VisitorClient v : allVisitors) {
        open += v.transport() != null && !v.transport().isClosed() ? 1 : 0;
      }
    }
    for (CounsellorClient c : counsellors) {
      open += c != null && c.transport() != null && !c.transport().isClosed() ? 1 : 0;
    }
    return open;
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (allVisitors) {
      allVisitors.forEach(v -> closing.add(v.close()));
    }
    for (CounsellorClient c : counsellors) {
      if (c != null) {
        closing.add(c.close());
      }
    }
    return Future.join(closing).mapEmpty();
  }

  /** Where the nodes are: URIs on 127.0.0.1, the one origin every node allows, the pinned key. */
  record LyttNodes(List<Integer> ports, String origin, byte[] orgPub, String password) {
    URI visitorUri(int node) {
      return URI.create("ws://127.0.0.1:" + ports.get(node) + "/ws/visitor");
    }

    URI base(int node) {
      return URI.create("http://127.0.0.1:" + ports.get(node) + "/");
    }
  }
}
