package no.lytt.store.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.accounts.Invitation;
import no.lytt.accounts.LoginAttempt;
import no.lytt.accounts.LoginBackoff;
import no.lytt.accounts.Session;
import no.lytt.callback.Item;
import no.lytt.lists.ListEntry;
import no.lytt.lists.ListKind;
import no.lytt.hours.StoredHours;
import no.lytt.presence.Duty;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.queue.QueueEntry;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.queue.QueueView;
import no.lytt.queue.Staffing;
import no.lytt.relay.AppendResult;
import no.lytt.relay.Chat;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import no.lytt.relay.Forward;
import no.lytt.relay.Forwarded;
import no.lytt.store.DispatchRequest;
import no.lytt.store.DispatchResult;
import no.lytt.store.Store;
import no.lytt.store.StoreUnavailableException;
import no.lytt.store.VisitorPlace;
import no.lytt.transfer.TransferAsk;
import no.lytt.transfer.TransferRequest;
import no.lytt.transfer.TransferResult;
import no.lytt.wrapup.WrapUpClaim;

/**
 * The store in Redis, shared by every node. Each contract method is one command or one Lua script,
 * so it is atomic across nodes.
 *
 * <p>Key layout (docs/scaling.md lists it for operators): everything the queue, dispatch and
 * presence touch together shares the hash tag {@code {lytt}}, so a script over them runs on one
 * Cluster shard; each chat's envelope log has the chat id as its tag, so relay traffic spreads over
 * the shards. Envelopes are ciphertext and expire after {@code envelopeTtl}; tokens and session
 * ids appear only as hashes.
 *
 * <p>Two Redis deployments may serve it: an ephemeral one for everything about visitors and chats,
 * which should never write to disk, and a durable one for accounts, devices, sessions, counters
 * and log-in throttling. The recent chat durations behind the wait estimate are ephemeral: losing
 * them only makes the estimate start from the default again.
 *
 * <p>Results come back on the Vert.x context that asked, never on a Lettuce thread.
 */
public final class RedisStore implements Store {
  static final String TAG = "lytt:{lytt}:";
  private static final String QUEUE = TAG + "queue";
  private static final String DUTY = TAG + "duty";
  /** The staffing as last read, kept a second (queue_lib.lua); deleted by whatever changes it. */
  private static final String STAFFING = TAG + "staffing";
  private static final String DURATIONS = TAG + "durations";
  private static final int DURATION_HISTORY = 50;
  private static final Duration ENTRY_TTL = Duration.ofHours(24);
  /** Bounds a chat's envelope log should its end never be written; renewed by every message. */
  private static final Duration LOG_TTL = Duration.ofDays(2);

  private static final Script ENQUEUE = Script.load("enqueue", ScriptOutputType.MULTI, "queue_lib");
  private static final Script QUEUE_VIEW = Script.load("queue_view", ScriptOutputType.MULTI, "queue_lib");
  private static final Script DEQUEUE = Script.load("dequeue", ScriptOutputType.INTEGER);
  private static final Script FIND_VISITOR = Script.load("find_visitor", ScriptOutputType.MULTI);
  private static final Script DISPATCH = Script.load("dispatch", ScriptOutputType.MULTI);
  private static final Script OPEN_CHAT = Script.load("open_chat", ScriptOutputType.MULTI);
  private static final Script OPEN_LOG = Script.load("open_log", ScriptOutputType.INTEGER);
  private static final Script COUNT = Script.load("count", ScriptOutputType.INTEGER);
  private static final Script END_CHAT = Script.load("end_chat", ScriptOutputType.MULTI);
  private static final Script TAKE_BACK = Script.load("take_back", ScriptOutputType.MULTI);
  private static final Script ASK_TRANSFER = Script.load("ask_transfer", ScriptOutputType.STATUS);
  private static final Script CANCEL_TRANSFER = Script.load("cancel_transfer", ScriptOutputType.INTEGER);
  private static final Script TRANSFER = Script.load("transfer", ScriptOutputType.MULTI);
  private static final Script CHATS_OF = Script.load("chats_of", ScriptOutputType.MULTI);
  private static final Script APPEND = Script.load("append", ScriptOutputType.MULTI, "route_lib");
  private static final Script ACK = Script.load("ack", ScriptOutputType.INTEGER, "route_lib");
  private static final Script PENDING = Script.load("pending", ScriptOutputType.MULTI);
  private static final Script ON_DUTY = Script.load("on_duty", ScriptOutputType.MULTI);
  private static final Script SET_DUTY = Script.load("set_duty", ScriptOutputType.INTEGER);
  private static final Script LOGIN_ATTEMPT = Script.load("login_attempt", ScriptOutputType.MULTI);
  private static final Script LOGIN_FAILURE = Script.load("login_failure", ScriptOutputType.INTEGER);
  /** A minute's service-wide failure count is read during that minute and the next; then it goes. */
  private static final Duration FAILURES_TTL = Duration.ofMinutes(3);

  private final Vertx vertx;
  private final RedisConnector redis;
  private final RedisConnector durableRedis;
  /** The ephemeral Redis: queue, chats, envelopes, presence. */
  private final RedisClusterAsyncCommands<String, String> cmd;
  private final RedisClusterAsyncCommands<String, String> durableCmd;
  private final Clock clock;
  private final String nodeId;
  private final Duration envelopeTtl;
  private final Duration nodeTtl;
  private final long heartbeat;
  private final ParsedEntries parsedEntries = new ParsedEntries();

  /**
   * @param nodeId      this node's random id, for presence: a crashed node's counsellors drop off duty
   *                    when its heartbeat key expires ({@code nodeTtl})
   * @param envelopeTtl how long unacknowledged ciphertext is kept for a resume
   */
  public RedisStore(Vertx vertx, RedisConnector redis, Clock clock, String nodeId, Duration envelopeTtl,
                    Duration nodeTtl) {
    this(vertx, redis, redis, clock, nodeId, envelopeTtl, nodeTtl);
  }

  /**
   * @param redis        the ephemeral Redis, which should write nothing to disk
   * @param durableRedis where accounts, devices, sessions, counters and log-in throttling live; may
   *                     be {@code redis} itself
   */
  public RedisStore(Vertx vertx, RedisConnector redis, RedisConnector durableRedis, Clock clock, String nodeId,
                    Duration envelopeTtl, Duration nodeTtl) {
    this.vertx = vertx;
    this.redis = redis;
    this.durableRedis = durableRedis;
    this.cmd = redis.commands();
    this.durableCmd = durableRedis.commands();
    this.clock = clock;
    this.nodeId = nodeId;
    this.envelopeTtl = envelopeTtl;
    this.nodeTtl = nodeTtl;
    beat();
    this.heartbeat = vertx.setPeriodic(Math.max(100, nodeTtl.toMillis() / 4), t -> beat());
  }

  public String nodeId() {
    return nodeId;
  }

  /** Commands for what must outlive a restart of Redis. */
  private RedisClusterAsyncCommands<String, String> durable() {
    return durableCmd;
  }

  private void beat() {
    cmd.set(nodeKey(nodeId), clock.instant().toString(), SetArgs.Builder.px(nodeTtl.toMillis()));
  }

  static String nodeKey(String node) {
    return TAG + "node:" + node;
  }

  private static String entryKey(String id) {
    return TAG + "entry:" + id;
  }

  private static String tokenKey(String hash) {
    return TAG + "token:" + hash;
  }

  private static String chatKey(String chatId) {
    return TAG + "chat:" + chatId;
  }

  private static String chatsKey(String username) {
    return TAG + "chats:" + username;
  }

  /** A name's log-in attempts (hash: n, until); see login_attempt.lua. */
  private static String loginKey(String nameHash) {
    return "lytt:login:" + nameHash;
  }

  /** Failed log-ins service-wide in one clock minute (string counter); see login_failure.lua. */
  private static String failuresKey(long minute) {
    return "lytt:{login-failures}:" + minute;
  }

  private static long minute(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 60);
  }

  static String logKey(String chatId) {
    return "lytt:log:{" + chatId + "}";
  }

  private static String envelopesKey(String chatId, Direction d) {
    return "lytt:env:{" + chatId + "}:" + d.wire();
  }

  /** Completes on the caller's context; connection trouble becomes {@link StoreUnavailableException}. */
  private <T> Future<T> on(CompletionStage<T> stage) {
    Context context = vertx.getOrCreateContext();
    return Future.fromCompletionStage(stage, context).recover(e -> Future.failedFuture(translate(e)));
  }

  static Throwable translate(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof RedisCommandExecutionException exec) {
      String m = String.valueOf(exec.getMessage());
      if (m.startsWith("LOADING") || m.startsWith("CLUSTERDOWN") || m.startsWith("MASTERDOWN")
          || m.startsWith("READONLY") || m.startsWith("TRYAGAIN")) {
        return new StoreUnavailableException("Redis is not ready: " + m, cause);
      }
      return cause;
    }
    if (cause instanceof RedisException) {
      return new StoreUnavailableException("Redis cannot be reached", cause);
    }
    return cause;
  }

  private static String[] keys(String... keys) {
    return keys;
  }

  @Override
  public Future<Void> ping() {
    return durableRedis == redis ? on(cmd.ping()).mapEmpty()
        : Future.all(on(cmd.ping()), on(durable().ping())).mapEmpty();
  }

  // --- queue ---

  @Override
  @SuppressWarnings("unchecked")
  public Future<QueueView> enqueue(QueueEntry entry, int maxLength, int headSize) {
    return on(ENQUEUE.<List<Object>>run(cmd, keys(QUEUE, entryKey(entry.id()), tokenKey(entry.tokenHash())),
        Integer.toString(maxLength), entry.id(), score(entry.joinedAt()), StoreJson.entry(entry),
        Long.toString(ENTRY_TTL.toMillis()), TAG, Integer.toString(DURATION_HISTORY), Integer.toString(headSize),
        RedisClients.ALL, RedisClients.queueChangedMessage(nodeId)))
        .map(r -> {
          if (r.isEmpty()) {
            throw new LyttException(ErrorCode.QUEUE_FULL, "The queue is full right now.");
          }
          List<QueueEntry> head = parsedEntries.head((List<Object>) r.get(2));
          return new QueueView(((Long) r.get(0)).intValue(), head,
              Map.of(entry.id(), ((Long) r.get(1)).intValue()), staffing(r.subList(3, 6)));
        });
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<QueueView> queueView(int headSize, Collection<String> entryIds) {
    List<String> ids = List.copyOf(entryIds);
    List<String> args = new ArrayList<>(ids.size() + 3);
    args.add(TAG);
    args.add(Integer.toString(headSize));
    args.add(Integer.toString(DURATION_HISTORY));
    args.addAll(ids);
    return on(QUEUE_VIEW.<List<Object>>run(cmd, keys(QUEUE), args.toArray(String[]::new))).map(r -> {
      List<QueueEntry> head = parsedEntries.head((List<Object>) r.get(1));
      List<Object> ranks = (List<Object>) r.get(2);
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        int position = ((Long) ranks.get(i)).intValue();
        if (position > 0) {
          positions.put(ids.get(i), position);
        }
      }
      return new QueueView(((Long) r.get(0)).intValue(), head, positions, staffing(r.subList(3, 6)));
    });
  }

  /** The staffing part of a script's answer: {username, capacity, ...}, busy slots, durations. */
  @SuppressWarnings("unchecked")
  private static Staffing staffing(List<Object> part) {
    List<Object> on = (List<Object>) part.get(0);
    List<Duty> duty = new ArrayList<>();
    for (int i = 0; i + 1 < on.size(); i += 2) {
      duty.add(new Duty((String) on.get(i), Duty.Status.ON, Integer.parseInt((String) on.get(i + 1))));
    }
    List<Duration> durations = ((List<Object>) part.get(2)).stream()
        .map(v -> Duration.ofMillis(Long.parseLong((String) v))).toList();
    return new Staffing(duty, ((Long) part.get(1)).intValue(), durations);
  }

  /** Microseconds since the epoch: exact in a double, and ties go to the entry id, as in QueueOrder. */
  private static String score(Instant t) {
    return Long.toString(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
  }

  @Override
  public Future<Boolean> dequeue(String entryId) {
    return on(DEQUEUE.<Long>run(cmd, keys(QUEUE, entryKey(entryId)), entryId, TAG)).map(r -> r == 1L);
  }

  @Override
  public Future<Optional<VisitorPlace>> findVisitor(String tokenHash) {
    return on(FIND_VISITOR.<List<Object>>run(cmd, keys(tokenKey(tokenHash)), TAG)).map(r -> {
      if (r.isEmpty()) {
        return Optional.empty();
      }
      if ("q".equals(r.get(0))) {
        return Optional.of(VisitorPlace.inQueue(StoreJson.entry((String) r.get(1))));
      }
      return Optional.of(VisitorPlace.inChat(StoreJson.chat(fields(r.subList(1, r.size())))));
    });
  }

  /**
   * The matching rules stay in Java ({@link no.lytt.queue.CounsellorProfile#accepts}): the script
   * gets the preference/language pairs this counsellor accepts and takes the first queued visitor
   * with one of them, in the same step. The chat it creates is made of what was sent and the queue
   * entry it answers, so nothing is read back.
   */
  @Override
  public Future<DispatchResult> dispatch(DispatchRequest request) {
    String meta = StoreJson.chatMeta(request.chatId(), request.counsellor().username(), request.deviceId(),
        request.offer());
    String createdAt = Long.toString(request.now().toEpochMilli());
    List<String> args = new ArrayList<>(List.of(request.counsellor().username(), request.chatId(), meta, TAG,
        createdAt));
    for (Preference p : Preference.values()) {
      for (Language l : Language.values()) {
        if (request.counsellor().accepts(p, l)) {
          args.add(p.wire() + "/" + l.code());
        }
      }
    }
    return on(DISPATCH.<List<Object>>run(cmd,
        keys(QUEUE, chatsKey(request.counsellor().username()), chatKey(request.chatId()), DUTY),
        args.toArray(String[]::new))).map(r -> switch ((String) r.get(0)) {
          case "dispatched" -> DispatchResult.dispatched(StoreJson.chat(
              Map.of("meta", meta, "visitor", (String) r.get(1), "state", "offered", "createdAt", createdAt)),
              ((Long) r.get(2)).intValue());
          case "duplicate" -> DispatchResult.refused(DispatchResult.Outcome.DUPLICATE_CHAT_ID);
          case "capacity" -> DispatchResult.refused(DispatchResult.Outcome.CAPACITY_REACHED);
          case "break" -> DispatchResult.refused(DispatchResult.Outcome.ON_BREAK);
          case "off" -> DispatchResult.refused(DispatchResult.Outcome.OFF_DUTY);
          default -> DispatchResult.noMatch(((Long) r.get(1)).intValue());
        });
  }

  // --- chats ---

  private static Map<String, String> fields(List<Object> flat) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put((String) flat.get(i), (String) flat.get(i + 1));
    }
    return m;
  }

  @Override
  public Future<Optional<Chat>> chat(String chatId) {
    return on(cmd.hgetall(chatKey(chatId))).map(m -> m.isEmpty() ? Optional.empty() : Optional.of(StoreJson.chat(m)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<List<Chat>> chatsOf(String username) {
    return on(CHATS_OF.<List<Object>>run(cmd, keys(chatsKey(username)), TAG)).map(list -> list.stream()
        .map(o -> StoreJson.chat(fields((List<Object>) o)))
        .sorted((a, b) -> a.createdAt().compareTo(b.createdAt()))
        .toList());
  }

  /**
   * The envelope log (in the chat's own slot) is marked open first and the chat record second: a
   * failure in between leaves an open log without an open chat, which the next handshake repairs,
   * never an open chat whose envelopes are refused. A log left for a chat that is gone is removed.
   */
  @Override
  public Future<Optional<Chat>> openChat(String chatId, String enc) {
    return on(OPEN_LOG.<Long>run(cmd, keys(logKey(chatId)), Long.toString(LOG_TTL.toMillis())))
        .compose(v -> on(OPEN_CHAT.<List<Object>>run(cmd, keys(chatKey(chatId)), enc)))
        .compose(r -> switch ((String) r.get(0)) {
          case "opened" -> Future.succeededFuture(Optional.of(StoreJson.chat(fields(r.subList(1, r.size())))));
          case "missing" -> on(cmd.del(logKey(chatId))).map(n -> Optional.<Chat>empty());
          default -> Future.succeededFuture(Optional.<Chat>empty());
        });
  }

  @Override
  public Future<Optional<Chat>> takeBack(String chatId) {
    return on(TAKE_BACK.<List<Object>>run(cmd, keys(chatKey(chatId), QUEUE), TAG, chatId,
        Long.toString(ENTRY_TTL.toMillis())))
        .compose(r -> r.isEmpty() ? Future.succeededFuture(Optional.<Chat>empty())
            : on(cmd.del(logKey(chatId))).map(n -> Optional.of(StoreJson.chat(fields(r)))));
  }

  @Override
  public Future<Optional<Chat>> endChat(String chatId) {
    return on(END_CHAT.<List<Object>>run(cmd, keys(chatKey(chatId)), TAG, chatId)).compose(r -> {
      Optional<Chat> ended = r.isEmpty() ? Optional.empty() : Optional.of(StoreJson.chat(fields(r)));
      return on(cmd.del(logKey(chatId), envelopesKey(chatId, Direction.TO_COUNSELLOR),
          envelopesKey(chatId, Direction.TO_VISITOR))).map(n -> ended);
    });
  }

  @Override
  public Future<TransferAsk> askTransfer(String chatId, String from, String to, Instant until) {
    return on(ASK_TRANSFER.<String>run(cmd, keys(chatKey(chatId)), from, to,
        Long.toString(clock.instant().toEpochMilli()), Long.toString(until.toEpochMilli())))
        .map(r -> switch (r) {
          case "asked" -> TransferAsk.ASKED;
          case "not_open" -> TransferAsk.NOT_OPEN;
          case "already" -> TransferAsk.ALREADY_ASKED;
          default -> TransferAsk.NOT_FOUND;
        });
  }

  @Override
  public Future<Boolean> cancelTransfer(String chatId, String to) {
    return on(CANCEL_TRANSFER.<Long>run(cmd, keys(chatKey(chatId)), to)).map(r -> r == 1L);
  }

  /**
   * The chat records change in one script (one slot); the old chat's envelope log, in its own slot,
   * is deleted after, as when a chat ends.
   */
  @Override
  public Future<TransferResult> transfer(TransferRequest request) {
    String from = request.fromChatId();
    String to = request.to().username();
    return on(TRANSFER.<List<Object>>run(cmd, keys(chatKey(from), chatKey(request.chatId()), chatsKey(to)),
        TAG, from, request.chatId(), to, Integer.toString(request.capacity()),
        StoreJson.chatMeta(request.chatId(), to, request.deviceId(), request.offer()),
        Long.toString(request.now().toEpochMilli())))
        .compose(r -> switch ((String) r.get(0)) {
          case "transferred" -> {
            Chat ended = StoreJson.chat(fields(r.subList(1, r.size())));
            yield on(cmd.del(logKey(from), envelopesKey(from, Direction.TO_COUNSELLOR),
                envelopesKey(from, Direction.TO_VISITOR)))
                .compose(n -> chat(request.chatId()))
                .map(offered -> TransferResult.transferred(ended, offered.orElseThrow(
                    () -> new IllegalStateException("transferred chat vanished"))));
          }
          case "capacity" -> Future.succeededFuture(TransferResult.refused(TransferResult.Outcome.CAPACITY_REACHED));
          case "duplicate" -> Future.succeededFuture(TransferResult.refused(TransferResult.Outcome.DUPLICATE_CHAT_ID));
          default -> Future.succeededFuture(TransferResult.refused(TransferResult.Outcome.NOT_ASKED));
        });
  }

  @Override
  public Future<AppendResult> append(String chatId, Direction direction, Envelope envelope, int maxUnacked) {
    return append(chatId, direction, envelope, maxUnacked, null).map(Forwarded::result);
  }

  @Override
  public Future<Forwarded<AppendResult>> append(String chatId, Direction direction, Envelope envelope,
                                                int maxUnacked, Forward forward) {
    String[] args = {Integer.toString(direction.wire()), Long.toString(envelope.seq()), envelope.ct(),
        Integer.toString(maxUnacked), Long.toString(envelopeTtl.toMillis()), Long.toString(LOG_TTL.toMillis())};
    return on(APPEND.<List<Object>>run(cmd, withForwardKeys(keys(logKey(chatId), envelopesKey(chatId, direction)), forward),
        withForwardArgs(args, forward)))
        .map(r -> new Forwarded<>(switch ((String) r.get(0)) {
          case "accepted" -> AppendResult.ACCEPTED;
          case "duplicate" -> AppendResult.DUPLICATE;
          case "gap" -> AppendResult.GAP;
          case "full" -> AppendResult.FULL;
          default -> AppendResult.NO_CHAT;
        }, Long.valueOf(1).equals(r.get(1))));
  }

  @Override
  public Future<Boolean> ack(String chatId, Direction direction, long seq) {
    return ack(chatId, direction, seq, null).map(Forwarded::result);
  }

  @Override
  public Future<Forwarded<Boolean>> ack(String chatId, Direction direction, long seq, Forward forward) {
    return on(ACK.<Long>run(cmd, withForwardKeys(keys(logKey(chatId), envelopesKey(chatId, direction)), forward),
        withForwardArgs(new String[] {Integer.toString(direction.wire()), Long.toString(seq)}, forward)))
        .map(r -> new Forwarded<>(r >= 1L, r == 2L));
  }

  /** The location key after a write script's own keys, when it forwards a frame. */
  private static String[] withForwardKeys(String[] keys, Forward forward) {
    return forward instanceof InboxForward f ? concat(keys, f.location()) : keys;
  }

  /** The inbox prefix, payload and this node after a write script's own arguments. */
  private static String[] withForwardArgs(String[] args, Forward forward) {
    return forward instanceof InboxForward f ? concat(args, f.inbox(), f.payload(), f.here()) : args;
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Override
  public Future<List<Envelope>> pending(String chatId, Direction direction, long afterSeq) {
    return pending(chatId, direction, Long.toString(afterSeq), "0");
  }

  @Override
  public Future<List<Envelope>> pendingTail(String chatId, Direction direction, int count) {
    return pending(chatId, direction, "0", Integer.toString(count));
  }

  private Future<List<Envelope>> pending(String chatId, Direction direction, String afterSeq, String tail) {
    return on(PENDING.<List<Object>>run(cmd, keys(logKey(chatId), envelopesKey(chatId, direction)),
        Integer.toString(direction.wire()), afterSeq, tail)).map(r -> {
          if (!r.isEmpty() && "lost".equals(r.get(0))) {
            throw new LyttException(ErrorCode.MESSAGES_LOST,
                "Messages from " + r.get(1) + " on were kept too long without delivery and are gone.");
          }
          List<Envelope> out = new ArrayList<>();
          for (int i = 0; i + 1 < r.size(); i += 2) {
            out.add(new Envelope(Long.parseLong((String) r.get(i)), (String) r.get(i + 1)));
          }
          return out;
        });
  }

  @Override
  public Future<Long> lastReceived(String chatId, Direction direction) {
    return on(cmd.hget(logKey(chatId), "last:" + direction.wire())).map(v -> v == null ? 0L : Long.parseLong(v));
  }

  // --- presence ---

  @Override
  public Future<Void> setDuty(Duty duty) {
    // 1 on duty, 2 on a break, 0 off: on_duty.lua counts only the 1s.
    String code = switch (duty.status()) {
      case ON -> "1";
      case BREAK -> "2";
      case OFF -> "0";
    };
    return on(SET_DUTY.<Long>run(cmd, keys(DUTY, STAFFING), duty.username(),
        code + "|" + duty.capacity() + "|" + nodeId)).mapEmpty();
  }

  @Override
  public Future<Duty> duty(String username) {
    return on(cmd.hget(DUTY, username)).map(v -> {
      if (v == null) {
        return Duty.off(username);
      }
      String[] parts = v.split("\\|", 3);
      Duty.Status status = switch (parts[0]) {
        case "1" -> Duty.Status.ON;
        case "2" -> Duty.Status.BREAK;
        default -> Duty.Status.OFF;
      };
      return new Duty(username, status, Integer.parseInt(parts[1]));
    });
  }

  @Override
  public Future<List<Duty>> onDuty() {
    return on(ON_DUTY.<List<Object>>run(cmd, keys(DUTY), TAG)).map(r -> {
      List<Duty> out = new ArrayList<>();
      for (int i = 0; i + 1 < r.size(); i += 2) {
        out.add(new Duty((String) r.get(i), Duty.Status.ON, Integer.parseInt((String) r.get(i + 1))));
      }
      return out;
    });
  }

  // --- accounts, sessions, devices ---

  private RedisAccounts accountKeys;

  private synchronized RedisAccounts accountKeys() {
    if (accountKeys == null) {
      accountKeys = new RedisAccounts(this::durable, this::on, clock);
    }
    return accountKeys;
  }

  @Override
  public Future<Optional<Account>> account(String username) {
    return accountKeys().account(username);
  }

  @Override
  public Future<Void> saveAccount(Account account) {
    return accountKeys().save(account);
  }

  @Override
  public Future<Boolean> createAccount(Account account) {
    return accountKeys().create(account);
  }

  @Override
  public Future<List<Account>> accounts() {
    return accountKeys().all();
  }

  @Override
  public Future<Void> saveInvitation(String tokenHash, Invitation invitation) {
    return accountKeys().saveInvitation(tokenHash, invitation);
  }

  @Override
  public Future<Optional<Invitation>> invitation(String tokenHash) {
    return accountKeys().invitation(tokenHash);
  }

  @Override
  public Future<Boolean> deleteInvitation(String tokenHash) {
    return accountKeys().deleteInvitation(tokenHash);
  }

  @Override
  public Future<Void> saveSession(String sessionHash, Session session, Duration ttl) {
    return on(durable().set("lytt:session:" + sessionHash, StoreJson.session(session), SetArgs.Builder.px(ttl.toMillis())))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Session>> session(String sessionHash) {
    return on(durable().get("lytt:session:" + sessionHash)).map(v -> Optional.ofNullable(v).map(StoreJson::session));
  }

  @Override
  public Future<Void> deleteSession(String sessionHash) {
    return on(durable().del("lytt:session:" + sessionHash)).mapEmpty();
  }

  @Override
  public Future<Void> saveDevice(Device device) {
    return on(durable().set("lytt:device:" + device.deviceId(), StoreJson.device(device)))
        .compose(v -> callbacks().indexDevice(device.deviceId()));
  }

  @Override
  public Future<Optional<Device>> device(String deviceId) {
    return on(durable().get("lytt:device:" + deviceId)).map(v -> Optional.ofNullable(v).map(StoreJson::device));
  }

  // --- log-in throttling ---

  @Override
  public Future<LoginAttempt> loginAttempt(String nameHash, Instant now, LoginBackoff backoff) {
    return on(LOGIN_ATTEMPT.<List<Object>>run(durable(), keys(loginKey(nameHash)), Long.toString(now.toEpochMilli()),
        Integer.toString(backoff.freeAttempts()), Long.toString(backoff.firstBlock().toMillis()),
        Long.toString(backoff.maxBlock().toMillis()), Long.toString(LoginBackoff.MEMORY.toMillis())))
        .map(r -> (Long) r.get(0) == 1L ? LoginAttempt.admitted((Long) r.get(1))
            : LoginAttempt.refused(Instant.ofEpochMilli((Long) r.get(2))));
  }

  @Override
  public Future<Void> clearLoginAttempts(String nameHash) {
    return on(durable().del(loginKey(nameHash))).mapEmpty();
  }

  @Override
  public Future<Long> countLoginFailure(Instant now) {
    long minute = minute(now);
    return on(LOGIN_FAILURE.<Long>run(durable(), keys(failuresKey(minute), failuresKey(minute - 1)),
        Long.toString(FAILURES_TTL.toMillis())));
  }

  @Override
  public Future<Long> recentLoginFailures(Instant now) {
    long minute = minute(now);
    return Future.all(on(durable().get(failuresKey(minute))), on(durable().get(failuresKey(minute - 1))))
        .map(both -> count(both.resultAt(0)) + count(both.resultAt(1)));
  }

  private static long count(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }

  // --- anonymous statistics ---

  @Override
  public Future<Void> increment(String counter, LocalDate day, long by) {
    return on(durable().hincrby(statsKey(day), counter, by)).mapEmpty();
  }

  @Override
  public Future<Void> count(List<String> counters, LocalDate day) {
    return on(COUNT.<Long>run(durable(), keys(statsKey(day)), counters.toArray(String[]::new))).mapEmpty();
  }

  @Override
  public Future<Map<String, Long>> counters(LocalDate day) {
    return on(durable().hgetall(statsKey(day))).map(RedisStore::counts);
  }

  /**
   * One HGETALL per day, all written before any reply is awaited: Lettuce pipelines them on its one
   * connection, so a year costs about one round trip. A script over the days could not do better
   * and would break on a Cluster, where each day's hash lives in its own slot.
   */
  @Override
  public Future<Map<LocalDate, Map<String, Long>>> counters(LocalDate from, LocalDate to) {
    Map<LocalDate, Future<Map<String, Long>>> days = new LinkedHashMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.put(day, on(durable().hgetall(statsKey(day))).map(RedisStore::counts));
    }
    return Future.all(List.copyOf(days.values())).map(done -> {
      Map<LocalDate, Map<String, Long>> out = new HashMap<>();
      days.forEach((day, counts) -> {
        if (!counts.result().isEmpty()) {
          out.put(day, counts.result());
        }
      });
      return out;
    });
  }

  /** One day's anonymous counters (hash: counter name → count), durable, kept without expiry. */
  private static String statsKey(LocalDate day) {
    return "lytt:stats:" + day;
  }

  private static Map<String, Long> counts(Map<String, String> raw) {
    Map<String, Long> out = new HashMap<>();
    raw.forEach((k, v) -> out.put(k, Long.parseLong(v)));
    return Map.copyOf(out);
  }

  @Override
  public Future<Void> recordChatDuration(Duration duration) {
    // Two commands on one connection run in order; a lost LTRIM only leaves the list longer.
    return on(cmd.rpush(DURATIONS, Long.toString(duration.toMillis())))
        .compose(n -> on(cmd.ltrim(DURATIONS, -DURATION_HISTORY, -1))).mapEmpty();
  }

  @Override
  public Future<List<Duration>> recentChatDurations() {
    return on(cmd.lrange(DURATIONS, -DURATION_HISTORY, -1))
        .map(list -> list.stream().map(v -> Duration.ofMillis(Long.parseLong(v))).toList());
  }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(heartbeat);
    return on(cmd.del(nodeKey(nodeId))).otherwiseEmpty()
        .compose(v -> vertx.executeBlocking(() -> {
          redis.close();
          if (durableRedis != redis) {
            durableRedis.close();
          }
          return null;
        }, false)).mapEmpty();
  }

  // --- callbacks and tickets: durable data, in RedisCallbacks ---
  // Every command of this section goes through durable(), the Redis that keeps its append-only file.

  private RedisCallbacks callbacks;

  @Override
  public Future<Optional<String>> durabilityProblem() {
    return callbacks().durabilityProblem();
  }

  private synchronized RedisCallbacks callbacks() {
    if (callbacks == null) {
      callbacks = new RedisCallbacks(this::durable, this::on, clock,
          durable() instanceof io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands);
    }
    return callbacks;
  }

  @Override
  public Future<Boolean> createItem(Item item) {
    return callbacks().create(item);
  }

  @Override
  public Future<Optional<Item>> item(String id) {
    return callbacks().item(id);
  }

  @Override
  public Future<Optional<Item>> itemByLookup(String lookupHash) {
    return callbacks().byLookup(lookupHash);
  }

  @Override
  public Future<List<Item>> items(Item.Kind kind) {
    return callbacks().items(kind);
  }

  @Override
  public Future<Boolean> replaceItem(Item next) {
    return callbacks().replace(next);
  }

  @Override
  public Future<Boolean> deleteItem(String id) {
    return callbacks().delete(id);
  }

  @Override
  public Future<List<Item>> expireItems(Instant now) {
    return callbacks().expire(now);
  }

  @Override
  public Future<List<Device>> devices() {
    return callbacks().devices(this::device);
  }

  // --- lists and wrap-up markers, in RedisLists ---

  private RedisLists lists;

  private synchronized RedisLists lists() {
    if (lists == null) {
      lists = new RedisLists(this::durable, () -> cmd, this::on);
    }
    return lists;
  }

  @Override
  public Future<List<ListEntry>> listEntries(ListKind kind) {
    return lists().entries(kind);
  }

  @Override
  public Future<Boolean> addListEntry(ListKind kind, ListEntry entry) {
    return lists().add(kind, entry);
  }

  @Override
  public Future<Boolean> replaceListEntry(ListKind kind, ListEntry entry) {
    return lists().replace(kind, entry);
  }

  @Override
  public Future<Void> rememberEndedChat(String chatId, String counsellor, Duration ttl) {
    return lists().rememberEnded(chatId, counsellor, ttl);
  }

  @Override
  public Future<WrapUpClaim> claimWrapUp(String chatId, String counsellor) {
    return lists().claim(chatId, counsellor);
  }

  // --- opening hours: durable, in RedisHours ---

  private RedisHours hoursKeys;

  private synchronized RedisHours hoursKeys() {
    if (hoursKeys == null) {
      hoursKeys = new RedisHours(this::durable, this::on);
    }
    return hoursKeys;
  }

  @Override
  public Future<Optional<StoredHours>> hours() {
    return hoursKeys().hours();
  }

  @Override
  public Future<Optional<String>> hoursVersion() {
    return hoursKeys().version();
  }

  @Override
  public Future<Void> saveHours(StoredHours hours) {
    return hoursKeys().save(hours);
  }
}
