package no.lytt.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import no.lytt.queue.QueueEntry;
import no.lytt.queue.QueueView;
import no.lytt.relay.AppendResult;
import no.lytt.relay.Chat;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import no.lytt.relay.Forward;
import no.lytt.relay.Forwarded;
import no.lytt.transfer.TransferAsk;
import no.lytt.transfer.TransferRequest;
import no.lytt.transfer.TransferResult;
import no.lytt.wrapup.WrapUpClaim;

/**
 * Everything Lytt keeps while it runs, behind one contract with two implementations: in memory
 * (one node, the default) and Redis (many nodes). Every method is one atomic step, so that the
 * Redis implementation can do each in one command or script and two nodes never see half a change.
 *
 * <p>What may be stored is fixed by the privacy rules: no IP address, user agent, message text,
 * phone number or token — tokens and session ids appear only as SHA-256 hashes, envelopes only as
 * ciphertext. Failures are {@link StoreUnavailableException} when the store cannot be reached.
 */
public interface Store {

  /** Answers when the store can be read and written; used by readiness. */
  Future<Void> ping();

  /**
   * Why a write this store acknowledges might still be lost in a crash, if it might: callbacks
   * and tickets promise a visitor that a code once shown is kept. Empty when acknowledged writes
   * are kept (or, in memory, when there is no disk to promise anything about).
   */
  default Future<Optional<String>> durabilityProblem() {
    return Future.succeededFuture(Optional.empty());
  }

  // --- queue ---

  /**
   * Adds a visitor in their place (by {@code joinedAt}, so a ticket holder goes ahead of later
   * arrivals); fails with a queue_full error at {@code maxLength}. Answers, from the same step, the
   * view of the queue with the first {@code headSize} entries and the visitor's position; with
   * many nodes, the same step tells the others that the queue changed. A join thus costs one
   * round trip, however many are told.
   */
  Future<QueueView> enqueue(QueueEntry entry, int maxLength, int headSize);

  /** Removes a queued visitor; false when they were no longer queued (dispatched or gone). */
  Future<Boolean> dequeue(String entryId);

  /**
   * The queue's length, its first {@code headSize} entries, the positions of {@code entryIds}
   * (those still queued) and the staffing, in one step whose cost grows with what is asked, not
   * with the length of the queue.
   */
  Future<QueueView> queueView(int headSize, Collection<String> entryIds);

  /** Finds a visitor by the hash of their resume token, queued or chatting. */
  Future<Optional<VisitorPlace>> findVisitor(String tokenHash);

  /**
   * Atomically hands the longest-waiting visitor the counsellor matches
   * ({@link no.lytt.queue.CounsellorProfile#accepts}) to exactly one counsellor and creates the
   * chat, unless the counsellor is already at capacity.
   */
  Future<DispatchResult> dispatch(DispatchRequest request);

  // --- chats ---

  Future<Optional<Chat>> chat(String chatId);

  /** The chats a counsellor has open (offered or running). */
  Future<List<Chat>> chatsOf(String username);

  /** Moves an offered chat to open with the visitor's encapsulated key; empty if not offered. */
  Future<Optional<Chat>> openChat(String chatId, String enc);

  /**
   * An offer nobody answered: while the chat is still offered, it is deleted and the visitor goes
   * back to the place they had in the queue. Empty when the chat is not (or no longer) offered.
   */
  Future<Optional<Chat>> takeBack(String chatId);

  /** Deletes a chat and its envelopes; returns it only to the first caller, so it is counted once. */
  Future<Optional<Chat>> endChat(String chatId);

  // --- hand-over to a colleague (no.lytt.transfer) ---

  /**
   * Records that counsellor {@code from} asks to hand their open chat to colleague {@code to},
   * until {@code until}; an earlier ask past its time is replaced. Nothing else about the chat
   * changes: it runs on until the colleague answers.
   */
  Future<TransferAsk> askTransfer(String chatId, String from, String to, Instant until);

  /**
   * Withdraws the ask to hand {@code chatId} to {@code to}; true only for the one caller that
   * withdrew it, so the first counsellor is told of a failed hand-over once.
   */
  Future<Boolean> cancelTransfer(String chatId, String to);

  /**
   * In one atomic step, while the hand-over to this colleague is asked for, not past its time, the
   * chat is still open and the colleague is under capacity: deletes the first counsellor's chat with
   * its envelopes and creates the colleague's offered chat with the same visitor, who keeps the
   * place they had in the queue should the new offer go unanswered.
   */
  Future<TransferResult> transfer(TransferRequest request);

  Future<AppendResult> append(String chatId, Direction direction, Envelope envelope, int maxUnacked);

  /**
   * {@link #append(String, Direction, Envelope, int)}, and when the envelope is accepted (or was
   * already) {@code forward} passed on in the same step, so that a message crossing nodes costs
   * one round trip. A store that cannot pass frames on leaves that to the caller, as it does when
   * {@code forward} is null (nothing to forward).
   */
  default Future<Forwarded<AppendResult>> append(String chatId, Direction direction, Envelope envelope,
                                                 int maxUnacked, Forward forward) {
    return append(chatId, direction, envelope, maxUnacked).map(Forwarded::notForwarded);
  }

  /** Cumulative acknowledgement; false when {@code seq} was never received. */
  Future<Boolean> ack(String chatId, Direction direction, long seq);

  /**
   * {@link #ack(String, Direction, long)}, and when it holds, {@code forward} (or nothing, when
   * null) passed on with it.
   */
  default Future<Forwarded<Boolean>> ack(String chatId, Direction direction, long seq, Forward forward) {
    return ack(chatId, direction, seq).map(Forwarded::notForwarded);
  }

  /** Held envelopes above {@code afterSeq}, in order. */
  Future<List<Envelope>> pending(String chatId, Direction direction, long afterSeq);

  /** The last {@code count} held envelopes (fewer when fewer are held), in order. */
  Future<List<Envelope>> pendingTail(String chatId, Direction direction, int count);

  /** The highest sequence number received in a direction (0 when none). */
  Future<Long> lastReceived(String chatId, Direction direction);

  // --- presence ---

  Future<Void> setDuty(Duty duty);

  Future<Duty> duty(String username);

  /** Everyone on duty. */
  Future<List<Duty>> onDuty();

  // --- accounts, sessions, devices ---

  Future<Optional<Account>> account(String username);

  /** Creates or replaces an account; every saved account is listed by {@link #accounts()}. */
  Future<Void> saveAccount(Account account);

  /** Creates an account unless its name is taken: false then, with nothing changed. */
  Future<Boolean> createAccount(Account account);

  /** Every account, in no particular order (administration lists them). */
  Future<List<Account>> accounts();

  /**
   * Saves an invitation under the hash of its token (never the token), until its
   * {@link Invitation#expiresAt()}; durable, like accounts.
   */
  Future<Void> saveInvitation(String tokenHash, Invitation invitation);

  /** A live invitation; empty when unknown, used or past its expiry. */
  Future<Optional<Invitation>> invitation(String tokenHash);

  /** Deletes an invitation; true only for the one caller that deleted it, so it is used up once. */
  Future<Boolean> deleteInvitation(String tokenHash);

  Future<Void> saveSession(String sessionHash, Session session, Duration ttl);

  Future<Optional<Session>> session(String sessionHash);

  Future<Void> deleteSession(String sessionHash);

  Future<Void> saveDevice(Device device);

  Future<Optional<Device>> device(String deviceId);

  // --- log-in throttling (no.lytt.accounts.LoginThrottle) ---

  /**
   * One log-in attempt for a name (by hash), in one atomic step: refused, with nothing changed,
   * while the name is blocked ({@code now} before the end of its block); otherwise counted, and
   * once the count reaches {@code backoff.freeAttempts()} the next attempt is blocked for
   * {@code backoff.blockAfter(count)} from {@code now} — set before the password is even checked, so
   * guesses sent in parallel cannot slip past the limit. The count is forgotten
   * {@link LoginBackoff#MEMORY} after the name's last attempt. Times are the caller's clock.
   */
  Future<LoginAttempt> loginAttempt(String nameHash, Instant now, LoginBackoff backoff);

  /** The right password was given: the name's count and block are gone. */
  Future<Void> clearLoginAttempts(String nameHash);

  /**
   * Counts one failed log-in service-wide in the clock minute of {@code now}; returns the failures
   * in that minute and the one before, as {@link #recentLoginFailures} would.
   */
  Future<Long> countLoginFailure(Instant now);

  /** Failed log-ins service-wide in the clock minute of {@code now} and the minute before. */
  Future<Long> recentLoginFailures(Instant now);

  // --- anonymous statistics ---

  Future<Void> increment(String counter, LocalDate day, long by);

  /** Counts one under each of {@code counters} (one event's counts) in one request. */
  Future<Void> count(List<String> counters, LocalDate day);

  Future<Map<String, Long>> counters(LocalDate day);

  /**
   * The counters of every day from {@code from} to {@code to}, both included, read at once: a
   * year's report is one request, not 365 waits for the store. Days without counters are absent.
   */
  Future<Map<LocalDate, Map<String, Long>>> counters(LocalDate from, LocalDate to);

  Future<Void> recordChatDuration(Duration duration);

  /** Recent chat durations, oldest first, for the wait estimate. */
  Future<List<Duration>> recentChatDurations();

  // --- callbacks and tickets (durable: written to disk before a visitor is shown their code) ---

  /**
   * Saves a new item; answers only once the store holds it durably (with Redis: the append-only
   * file is on disk). False, with nothing written, when its id or lookup hash is already taken.
   */
  Future<Boolean> createItem(Item item);

  /** A live item by id; empty when unknown or past its expiry. */
  Future<Optional<Item>> item(String id);

  /** A live item by the hash of its lookup value; empty when unknown or past its expiry. */
  Future<Optional<Item>> itemByLookup(String lookupHash);

  /** The live items of one kind, oldest first. */
  Future<List<Item>> items(Item.Kind kind);

  /**
   * Writes {@code next} only while the stored item is still at version {@code next.version() - 1}:
   * of two nodes changing the same item at once (two counsellors pressing "claim"), exactly one
   * succeeds. False when the item changed meanwhile or is gone. Durable like {@link #createItem}.
   */
  Future<Boolean> replaceItem(Item next);

  /** Deletes an item and its lookup; true only for the one caller that deleted it. */
  Future<Boolean> deleteItem(String id);

  /**
   * Deletes every item whose expiry is at or before {@code now} and returns them, each to one caller
   * only, so each is counted once however many nodes sweep.
   */
  Future<List<Item>> expireItems(Instant now);

  /** Every registered console device, certified or not: the team's keys for sealing. */
  Future<List<Device>> devices();

  // --- lists (durable: administrators' canned texts, referrals, categories, sources) ---

  /** Every entry of one list, retired ones too, oldest first (by {@link ListEntry#addedAt()}). */
  Future<List<ListEntry>> listEntries(ListKind kind);

  /** Adds an entry; false, with nothing changed, when its id is taken in that list. */
  Future<Boolean> addListEntry(ListKind kind, ListEntry entry);

  /** Replaces the entry with the same id; false, with nothing written, when there is none. */
  Future<Boolean> replaceListEntry(ListKind kind, ListEntry entry);

  // --- wrap-up (ephemeral: an ended chat's id and owner, nothing else) ---

  /** Remembers that a chat ended and whose it was, for {@code ttl}, so its wrap-up can be saved once. */
  Future<Void> rememberEndedChat(String chatId, String counsellor, Duration ttl);

  /**
   * Takes the one wrap-up of an ended chat for {@code counsellor}, in one atomic step: of two saves
   * at once, one is {@link WrapUpClaim#CLAIMED} and the other {@link WrapUpClaim#ALREADY_SAVED}.
   */
  Future<WrapUpClaim> claimWrapUp(String chatId, String counsellor);

  // --- opening hours set by an administrator (durable, like accounts) ---

  /** The administrator's saved hours; empty until first saved (the configured hours apply). */
  Future<Optional<StoredHours>> hours();

  /** Only the version of {@link #hours()}: what every node reads on each hours check. */
  Future<Optional<String>> hoursVersion();

  /** Replaces the saved hours and their version in one atomic step. */
  Future<Void> saveHours(StoredHours hours);

  Future<Void> close();
}
