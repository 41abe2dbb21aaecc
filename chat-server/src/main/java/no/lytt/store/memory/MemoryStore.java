package no.lytt.store.memory;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
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
import no.lytt.queue.QueueOrder;
import no.lytt.queue.QueueView;
import no.lytt.queue.Staffing;
import no.lytt.relay.AppendResult;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatState;
import no.lytt.relay.Direction;
import no.lytt.relay.DirectionLog;
import no.lytt.relay.Envelope;
import no.lytt.store.DispatchRequest;
import no.lytt.store.DispatchResult;
import no.lytt.store.Store;
import no.lytt.store.VisitorPlace;
import no.lytt.transfer.TransferAsk;
import no.lytt.transfer.TransferRequest;
import no.lytt.transfer.TransferResult;
import no.lytt.wrapup.WrapUpClaim;

/**
 * The embedded store: everything in this process's memory, one lock around every operation so that
 * each is atomic however many event loops call it. Gone when the process stops, which for chats is
 * the point; accounts and devices of a development server are recreated at start.
 */
public final class MemoryStore implements Store {
  private static final int DURATION_HISTORY = 50;
  /** Remembered names kept before forgotten ones are first swept out (a spray of made-up names). */
  private static final int LOGIN_SWEEP_AT = 1024;

  private final Object lock = new Object();
  private StoredHours savedHours;
  private final Clock clock;
  private final TreeSet<QueueEntry> queue = new TreeSet<>(QueueOrder.FIRST_COME);
  private final Map<String, QueueEntry> queuedById = new HashMap<>();
  private final Map<String, QueueEntry> queuedByToken = new HashMap<>();
  private final ChatTable chats = new ChatTable();
  private final Map<String, EnumLogs> logs = new HashMap<>();
  /** Asked hand-overs by chat id: to whom, and until when. */
  private final Map<String, AskedTransfer> transfers = new HashMap<>();
  private final Map<String, Duty> duties = new HashMap<>();
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, Expiring<Session>> sessions = new HashMap<>();
  private final Map<String, Expiring<Invitation>> invitations = new HashMap<>();
  private final Map<String, Device> devices = new HashMap<>();
  private final Map<String, NameAttempts> loginAttempts = new HashMap<>();
  private final Map<Long, Long> loginFailuresByMinute = new HashMap<>();
  /** The next sweep waits until the map has doubled, so sweeping costs O(1) per attempt on average. */
  private int nextLoginSweep = LOGIN_SWEEP_AT;
  private final Map<LocalDate, Map<String, Long>> counters = new HashMap<>();
  private final Deque<Duration> durations = new ArrayDeque<>();
  private final Map<String, Item> items = new HashMap<>();
  private final Map<ListKind, Map<String, ListEntry>> lists = new HashMap<>();
  /** Ended chat id → {@code owner:<username>}, or {@link #WRAPPED_UP} once its wrap-up is saved. */
  private final Map<String, Expiring<String>> endedChats = new HashMap<>();
  private static final String ENDED_OWNER = "owner:";
  private static final String WRAPPED_UP = "saved";

  public MemoryStore(Clock clock) {
    this.clock = clock;
  }

  private <T> Future<T> locked(Supplier<T> work) {
    try {
      synchronized (lock) {
        return Future.succeededFuture(work.get());
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<QueueView> enqueue(QueueEntry entry, int maxLength, int headSize) {
    return locked(() -> {
      if (queue.size() >= maxLength) {
        throw new LyttException(ErrorCode.QUEUE_FULL, "The queue is full right now.");
      }
      addQueued(entry);
      return view(headSize, List.of(entry.id()));
    });
  }

  @Override
  public Future<Boolean> dequeue(String entryId) {
    return locked(() -> {
      QueueEntry entry = queuedById.get(entryId);
      return entry != null && removeQueued(entry);
    });
  }

  @Override
  public Future<QueueView> queueView(int headSize, Collection<String> entryIds) {
    return locked(() -> view(headSize, entryIds));
  }

  private QueueView view(int headSize, Collection<String> entryIds) {
    Set<String> wanted = Set.copyOf(entryIds);
    List<QueueEntry> head = new ArrayList<>();
    Map<String, Integer> positions = new HashMap<>();
    int position = 0;
    for (QueueEntry e : queue) {
      position++;
      if (position <= headSize) {
        head.add(e);
      }
      if (wanted.contains(e.id())) {
        positions.put(e.id(), position);
      }
    }
    return new QueueView(queue.size(), head, positions, staffing());
  }

  private Staffing staffing() {
    List<Duty> on = duties.values().stream().filter(Duty::onDuty).toList();
    int busy = 0;
    for (Duty d : on) {
      busy += Math.min(d.capacity(), chats.countOf(d.username()));
    }
    return new Staffing(on, busy, new ArrayList<>(durations));
  }

  private void addQueued(QueueEntry entry) {
    queue.add(entry);
    queuedById.put(entry.id(), entry);
    queuedByToken.put(entry.tokenHash(), entry);
  }

  private boolean removeQueued(QueueEntry entry) {
    queuedById.remove(entry.id());
    queuedByToken.remove(entry.tokenHash());
    return queue.remove(entry);
  }

  @Override
  public Future<Optional<VisitorPlace>> findVisitor(String tokenHash) {
    return locked(() -> {
      QueueEntry queued = queuedByToken.get(tokenHash);
      if (queued != null) {
        return Optional.of(VisitorPlace.inQueue(queued));
      }
      return chats.ofVisitor(tokenHash).map(VisitorPlace::inChat);
    });
  }

  @Override
  public Future<DispatchResult> dispatch(DispatchRequest request) {
    return locked(() -> {
      Duty duty = duties.getOrDefault(request.counsellor().username(), Duty.off(request.counsellor().username()));
      if (duty.status() == Duty.Status.BREAK) {
        return DispatchResult.refused(DispatchResult.Outcome.ON_BREAK);
      }
      if (!duty.onDuty()) {
        return DispatchResult.refused(DispatchResult.Outcome.OFF_DUTY);
      }
      if (chats.contains(request.chatId())) {
        return DispatchResult.refused(DispatchResult.Outcome.DUPLICATE_CHAT_ID);
      }
      if (chats.countOf(request.counsellor().username()) >= duty.capacity()) {
        return DispatchResult.refused(DispatchResult.Outcome.CAPACITY_REACHED);
      }
      Optional<QueueEntry> next = QueueOrder.nextFor(request.counsellor(), queue);
      if (next.isEmpty()) {
        return DispatchResult.noMatch(queue.size());
      }
      QueueEntry entry = next.get();
      removeQueued(entry);
      Chat chat = new Chat(request.chatId(), entry, request.counsellor().username(), request.deviceId(),
          request.offer(), null, ChatState.OFFERED, request.now());
      chats.put(chat);
      logs.put(chat.chatId(), new EnumLogs());
      return DispatchResult.dispatched(chat, queue.size());
    });
  }

  @Override
  public Future<Optional<Chat>> chat(String chatId) {
    return locked(() -> Optional.ofNullable(chats.get(chatId)));
  }

  @Override
  public Future<List<Chat>> chatsOf(String username) {
    return locked(() -> chats.of(username));
  }

  @Override
  public Future<Optional<Chat>> openChat(String chatId, String enc) {
    return locked(() -> {
      Chat chat = chats.get(chatId);
      if (chat == null || chat.state() != ChatState.OFFERED) {
        return Optional.empty();
      }
      Chat opened = chat.opened(enc);
      chats.put(opened);
      return Optional.of(opened);
    });
  }

  @Override
  public Future<Optional<Chat>> takeBack(String chatId) {
    return locked(() -> {
      Chat chat = chats.get(chatId);
      if (chat == null || chat.state() != ChatState.OFFERED) {
        return Optional.empty();
      }
      chats.remove(chatId);
      logs.remove(chatId);
      transfers.remove(chatId);
      addQueued(chat.visitor());
      return Optional.of(chat);
    });
  }

  @Override
  public Future<Optional<Chat>> endChat(String chatId) {
    return locked(() -> {
      logs.remove(chatId);
      transfers.remove(chatId);
      return Optional.ofNullable(chats.remove(chatId));
    });
  }

  @Override
  public Future<TransferAsk> askTransfer(String chatId, String from, String to, Instant until) {
    return locked(() -> {
      Chat chat = chats.get(chatId);
      if (chat == null || !chat.counsellor().equals(from)) {
        return TransferAsk.NOT_FOUND;
      }
      if (chat.state() != ChatState.OPEN) {
        return TransferAsk.NOT_OPEN;
      }
      AskedTransfer asked = transfers.get(chatId);
      if (asked != null && clock.instant().isBefore(asked.until())) {
        return TransferAsk.ALREADY_ASKED;
      }
      transfers.put(chatId, new AskedTransfer(to, until));
      return TransferAsk.ASKED;
    });
  }

  @Override
  public Future<Boolean> cancelTransfer(String chatId, String to) {
    return locked(() -> {
      AskedTransfer asked = transfers.get(chatId);
      return asked != null && asked.to().equals(to) && transfers.remove(chatId) != null;
    });
  }

  @Override
  public Future<TransferResult> transfer(TransferRequest request) {
    return locked(() -> {
      if (chats.contains(request.chatId())) {
        return TransferResult.refused(TransferResult.Outcome.DUPLICATE_CHAT_ID);
      }
      String to = request.to().username();
      Chat old = chats.get(request.fromChatId());
      AskedTransfer asked = transfers.get(request.fromChatId());
      if (old == null || old.state() != ChatState.OPEN || asked == null || !asked.to().equals(to)
          || !request.now().isBefore(asked.until())) {
        return TransferResult.refused(TransferResult.Outcome.NOT_ASKED);
      }
      if (chats.countOf(to) >= request.capacity()) {
        return TransferResult.refused(TransferResult.Outcome.CAPACITY_REACHED);
      }
      chats.remove(old.chatId());
      logs.remove(old.chatId());
      transfers.remove(old.chatId());
      Chat offered = new Chat(request.chatId(), old.visitor(), to, request.deviceId(), request.offer(), null,
          ChatState.OFFERED, request.now());
      chats.put(offered);
      logs.put(offered.chatId(), new EnumLogs());
      return TransferResult.transferred(old, offered);
    });
  }

  @Override
  public Future<AppendResult> append(String chatId, Direction direction, Envelope envelope, int maxUnacked) {
    return locked(() -> {
      Chat chat = chats.get(chatId);
      if (chat == null || chat.state() != ChatState.OPEN) {
        return AppendResult.NO_CHAT;
      }
      return logs.get(chatId).of(direction).append(envelope, maxUnacked);
    });
  }

  @Override
  public Future<Boolean> ack(String chatId, Direction direction, long seq) {
    return locked(() -> {
      EnumLogs l = logs.get(chatId);
      return l != null && l.of(direction).ack(seq);
    });
  }

  @Override
  public Future<List<Envelope>> pending(String chatId, Direction direction, long afterSeq) {
    return locked(() -> {
      EnumLogs l = logs.get(chatId);
      return l == null ? List.<Envelope>of() : l.of(direction).after(afterSeq);
    });
  }

  @Override
  public Future<List<Envelope>> pendingTail(String chatId, Direction direction, int count) {
    return locked(() -> {
      EnumLogs l = logs.get(chatId);
      return l == null ? List.<Envelope>of() : l.of(direction).after(l.of(direction).lastReceived() - count);
    });
  }

  @Override
  public Future<Long> lastReceived(String chatId, Direction direction) {
    return locked(() -> {
      EnumLogs l = logs.get(chatId);
      return l == null ? 0L : l.of(direction).lastReceived();
    });
  }

  @Override
  public Future<Void> setDuty(Duty duty) {
    return locked(() -> {
      duties.put(duty.username(), duty);
      return null;
    });
  }

  @Override
  public Future<Duty> duty(String username) {
    return locked(() -> duties.getOrDefault(username, Duty.off(username)));
  }

  @Override
  public Future<List<Duty>> onDuty() {
    return locked(() -> duties.values().stream().filter(Duty::onDuty).toList());
  }

  @Override
  public Future<Optional<Account>> account(String username) {
    return locked(() -> Optional.ofNullable(accounts.get(username)));
  }

  @Override
  public Future<Void> saveAccount(Account account) {
    return locked(() -> {
      accounts.put(account.username(), account);
      return null;
    });
  }

  @Override
  public Future<Boolean> createAccount(Account account) {
    return locked(() -> accounts.putIfAbsent(account.username(), account) == null);
  }

  @Override
  public Future<List<Account>> accounts() {
    return locked(() -> List.copyOf(accounts.values()));
  }

  @Override
  public Future<Void> saveInvitation(String tokenHash, Invitation invitation) {
    return locked(() -> {
      invitations.put(tokenHash, new Expiring<>(invitation, invitation.expiresAt()));
      return null;
    });
  }

  @Override
  public Future<Optional<Invitation>> invitation(String tokenHash) {
    return locked(() -> {
      Expiring<Invitation> found = invitations.get(tokenHash);
      if (found != null && !clock.instant().isBefore(found.expiresAt())) {
        invitations.remove(tokenHash);
        return Optional.empty();
      }
      return Optional.ofNullable(found).map(Expiring::value);
    });
  }

  @Override
  public Future<Boolean> deleteInvitation(String tokenHash) {
    return locked(() -> invitations.remove(tokenHash) != null);
  }

  @Override
  public Future<Void> saveSession(String sessionHash, Session session, Duration ttl) {
    return locked(() -> {
      sessions.put(sessionHash, new Expiring<>(session, clock.instant().plus(ttl)));
      return null;
    });
  }

  @Override
  public Future<Optional<Session>> session(String sessionHash) {
    return locked(() -> {
      Expiring<Session> s = sessions.get(sessionHash);
      if (s == null) {
        return Optional.empty();
      }
      if (!clock.instant().isBefore(s.expiresAt())) {
        sessions.remove(sessionHash);
        return Optional.empty();
      }
      return Optional.of(s.value());
    });
  }

  @Override
  public Future<Void> deleteSession(String sessionHash) {
    return locked(() -> {
      sessions.remove(sessionHash);
      return null;
    });
  }

  @Override
  public Future<Void> saveDevice(Device device) {
    return locked(() -> {
      devices.put(device.deviceId(), device);
      return null;
    });
  }

  @Override
  public Future<Optional<Device>> device(String deviceId) {
    return locked(() -> Optional.ofNullable(devices.get(deviceId)));
  }

  @Override
  public Future<LoginAttempt> loginAttempt(String nameHash, Instant now, LoginBackoff backoff) {
    return locked(() -> {
      if (loginAttempts.size() >= nextLoginSweep) {
        loginAttempts.values().removeIf(a -> !now.isBefore(a.forgetAt()));
        nextLoginSweep = Math.max(LOGIN_SWEEP_AT, 2 * loginAttempts.size());
      }
      NameAttempts known = loginAttempts.get(nameHash);
      if (known != null && !now.isBefore(known.forgetAt())) {
        known = null;
      }
      if (known != null && now.isBefore(known.blockedUntil())) {
        return LoginAttempt.refused(known.blockedUntil());
      }
      long count = (known == null ? 0 : known.count()) + 1;
      Instant blockedUntil = now.plus(backoff.blockAfter(count));
      loginAttempts.put(nameHash, new NameAttempts(count, blockedUntil, now.plus(LoginBackoff.MEMORY)));
      return LoginAttempt.admitted(count);
    });
  }

  @Override
  public Future<Void> clearLoginAttempts(String nameHash) {
    return locked(() -> {
      loginAttempts.remove(nameHash);
      return null;
    });
  }

  @Override
  public Future<Long> countLoginFailure(Instant now) {
    return locked(() -> {
      long minute = minute(now);
      loginFailuresByMinute.keySet().removeIf(m -> m < minute - 1);
      loginFailuresByMinute.merge(minute, 1L, Long::sum);
      return recentFailures(minute);
    });
  }

  @Override
  public Future<Long> recentLoginFailures(Instant now) {
    return locked(() -> recentFailures(minute(now)));
  }

  private long recentFailures(long minute) {
    return loginFailuresByMinute.getOrDefault(minute, 0L) + loginFailuresByMinute.getOrDefault(minute - 1, 0L);
  }

  private static long minute(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 60);
  }

  @Override
  public Future<Void> increment(String counter, LocalDate day, long by) {
    return locked(() -> {
      counters.computeIfAbsent(day, d -> new HashMap<>()).merge(counter, by, Long::sum);
      return null;
    });
  }

  @Override
  public Future<Void> count(List<String> names, LocalDate day) {
    return locked(() -> {
      names.forEach(name -> counters.computeIfAbsent(day, d -> new HashMap<>()).merge(name, 1L, Long::sum));
      return null;
    });
  }

  @Override
  public Future<Map<String, Long>> counters(LocalDate day) {
    return locked(() -> Map.copyOf(counters.getOrDefault(day, Map.of())));
  }

  @Override
  public Future<Map<LocalDate, Map<String, Long>>> counters(LocalDate from, LocalDate to) {
    return locked(() -> {
      Map<LocalDate, Map<String, Long>> out = new HashMap<>();
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        Map<String, Long> counts = counters.get(day);
        if (counts != null && !counts.isEmpty()) {
          out.put(day, Map.copyOf(counts));
        }
      }
      return out;
    });
  }

  @Override
  public Future<Void> recordChatDuration(Duration duration) {
    return locked(() -> {
      durations.addLast(duration);
      while (durations.size() > DURATION_HISTORY) {
        durations.removeFirst();
      }
      return null;
    });
  }

  @Override
  public Future<List<Duration>> recentChatDurations() {
    return locked(() -> new ArrayList<>(durations));
  }

  // --- callbacks and tickets: in memory there is no disk to wait for ---

  @Override
  public Future<Boolean> createItem(Item item) {
    return locked(() -> {
      if (items.containsKey(item.id()) || liveByLookup(item.lookupHash()).isPresent()) {
        return false;
      }
      items.put(item.id(), item);
      return true;
    });
  }

  private Optional<Item> live(Item item) {
    return Optional.ofNullable(item).filter(i -> clock.instant().isBefore(i.expiresAt()));
  }

  private Optional<Item> liveByLookup(String lookupHash) {
    return items.values().stream().filter(i -> i.lookupHash().equals(lookupHash)).findFirst().flatMap(this::live);
  }

  @Override
  public Future<Optional<Item>> item(String id) {
    return locked(() -> live(items.get(id)));
  }

  @Override
  public Future<Optional<Item>> itemByLookup(String lookupHash) {
    return locked(() -> liveByLookup(lookupHash));
  }

  @Override
  public Future<List<Item>> items(Item.Kind kind) {
    return locked(() -> items.values().stream().filter(i -> i.kind() == kind)
        .flatMap(i -> live(i).stream())
        .sorted(java.util.Comparator.comparing(Item::createdAt).thenComparing(Item::id)).toList());
  }

  @Override
  public Future<Boolean> replaceItem(Item next) {
    return locked(() -> {
      Optional<Item> current = live(items.get(next.id()));
      if (current.isEmpty() || current.get().version() != next.version() - 1) {
        return false;
      }
      items.put(next.id(), next);
      return true;
    });
  }

  @Override
  public Future<Boolean> deleteItem(String id) {
    return locked(() -> items.remove(id) != null);
  }

  @Override
  public Future<List<Item>> expireItems(Instant now) {
    return locked(() -> {
      List<Item> gone = items.values().stream().filter(i -> !now.isBefore(i.expiresAt())).toList();
      gone.forEach(i -> items.remove(i.id()));
      return gone;
    });
  }

  @Override
  public Future<List<Device>> devices() {
    return locked(() -> List.copyOf(devices.values()));
  }

  @Override
  public Future<List<ListEntry>> listEntries(ListKind kind) {
    return locked(() -> lists.getOrDefault(kind, Map.of()).values().stream()
        .sorted(Comparator.comparing(ListEntry::addedAt).thenComparing(ListEntry::id)).toList());
  }

  @Override
  public Future<Boolean> addListEntry(ListKind kind, ListEntry entry) {
    return locked(() -> lists.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(entry.id(), entry) == null);
  }

  @Override
  public Future<Boolean> replaceListEntry(ListKind kind, ListEntry entry) {
    return locked(() -> lists.computeIfAbsent(kind, k -> new HashMap<>()).replace(entry.id(), entry) != null);
  }

  @Override
  public Future<Void> rememberEndedChat(String chatId, String counsellor, Duration ttl) {
    return locked(() -> {
      Instant now = clock.instant();
      endedChats.values().removeIf(e -> !now.isBefore(e.expiresAt()));
      endedChats.put(chatId, new Expiring<>(ENDED_OWNER + counsellor, now.plus(ttl)));
      return null;
    });
  }

  @Override
  public Future<Optional<StoredHours>> hours() {
    return locked(() -> Optional.ofNullable(savedHours));
  }

  @Override
  public Future<Optional<String>> hoursVersion() {
    return locked(() -> Optional.ofNullable(savedHours).map(StoredHours::version));
  }

  @Override
  public Future<Void> saveHours(StoredHours hours) {
    return locked(() -> {
      savedHours = hours;
      return null;
    });
  }

  @Override
  public Future<WrapUpClaim> claimWrapUp(String chatId, String counsellor) {
    return locked(() -> {
      Expiring<String> ended = endedChats.get(chatId);
      if (ended == null || !clock.instant().isBefore(ended.expiresAt())) {
        return WrapUpClaim.UNKNOWN;
      }
      if (ended.value().equals(WRAPPED_UP)) {
        return WrapUpClaim.ALREADY_SAVED;
      }
      if (!ended.value().equals(ENDED_OWNER + counsellor)) {
        return WrapUpClaim.NOT_OWNER;
      }
      endedChats.put(chatId, new Expiring<>(WRAPPED_UP, ended.expiresAt()));
      return WrapUpClaim.CLAIMED;
    });
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private record Expiring<T>(T value, Instant expiresAt) {
  }

  private record AskedTransfer(String to, Instant until) {
  }

  private record NameAttempts(long count, Instant blockedUntil, Instant forgetAt) {
  }

  /** Both directions of one chat. */
  private static final class EnumLogs {
    private final DirectionLog toCounsellor = new DirectionLog();
    private final DirectionLog toVisitor = new DirectionLog();

    DirectionLog of(Direction d) {
      return d == Direction.TO_COUNSELLOR ? toCounsellor : toVisitor;
    }
  }
}
