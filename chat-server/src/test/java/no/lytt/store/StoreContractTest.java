package no.lytt.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.lytt.accounts.Account;
import no.lytt.accounts.LoginAttempt;
import no.lytt.accounts.LoginBackoff;
import no.lytt.accounts.Device;
import no.lytt.accounts.Invitation;
import no.lytt.accounts.Role;
import no.lytt.accounts.Session;
import no.lytt.callback.CallbackWindow;
import no.lytt.callback.Item;
import no.lytt.callback.ItemState;
import no.lytt.hours.DatedExceptions;
import no.lytt.hours.HoursSettings;
import no.lytt.hours.StoredHours;
import no.lytt.hours.WeeklySchedule;
import no.lytt.presence.Duty;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.queue.CounsellorProfile;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.queue.QueueEntry;
import no.lytt.relay.AppendResult;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatOffer;
import no.lytt.relay.ChatState;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract: every implementation passes these unchanged. They speak only through
 * {@link Store}, so what they check is behaviour a node relies on, not how it is kept.
 */
public abstract class StoreContractTest {
  protected static final Instant T0 = Instant.parse("2026-11-23T17:00:00Z");
  protected Store store;
  private final CounsellorProfile kari = new CounsellorProfile("kari", Gender.WOMAN, Set.of(Language.NB));
  private final ChatOffer offer = new ChatOffer("pub", "sig", Map.of("deviceId", "d1"));

  protected abstract Store createStore(Clock clock);

  @BeforeEach
  void freshStore() {
    store = createStore(Clock.fixed(T0, ZoneOffset.UTC));
  }

  protected static <T> T await(Future<T> f) {
    return no.lytt.support.Await.of(f);
  }

  private static QueueEntry entry(String id, int second) {
    return new QueueEntry(id, "hash-" + id, Preference.NONE, Language.NB, T0.plusSeconds(second));
  }

  private DispatchResult dispatch(String chatId, int capacity) {
    return await(store.dispatch(new DispatchRequest(kari, capacity, chatId, "d1", offer, T0)));
  }

  @Test
  void theQueueIsKeptInArrivalOrder() {
    await(store.enqueue(entry("late", 9), 10));
    await(store.enqueue(entry("early", 1), 10));
    assertEquals(List.of("early", "late"), await(store.queue()).stream().map(QueueEntry::id).toList());
  }

  @Test
  void aFullQueueRefusesNewcomersAndKeepsEveryoneElse() {
    await(store.enqueue(entry("a", 1), 1));
    LyttException e = assertThrows(LyttException.class, () -> await(store.enqueue(entry("b", 2), 1)));
    assertEquals(ErrorCode.QUEUE_FULL, e.code());
    assertEquals(1, await(store.queue()).size());
  }

  @Test
  void dispatchHandsTheFirstVisitorToOneCounsellorAndCreatesTheChat() {
    await(store.enqueue(entry("a", 1), 10));
    await(store.enqueue(entry("b", 2), 10));
    DispatchResult r = dispatch("chat1", 2);
    assertEquals(DispatchResult.Outcome.DISPATCHED, r.outcome());
    Chat chat = r.chat().orElseThrow();
    assertEquals("a", chat.visitor().id());
    assertEquals(ChatState.OFFERED, chat.state());
    assertEquals(List.of("b"), await(store.queue()).stream().map(QueueEntry::id).toList());
    assertEquals(List.of("chat1"), await(store.chatsOf("kari")).stream().map(Chat::chatId).toList());
  }

  @Test
  void dispatchRespectsCapacityAndEmptyQueues() {
    assertEquals(DispatchResult.Outcome.NO_MATCH, dispatch("c0", 1).outcome());
    await(store.enqueue(entry("a", 1), 10));
    await(store.enqueue(entry("b", 2), 10));
    assertEquals(DispatchResult.Outcome.DISPATCHED, dispatch("c1", 1).outcome());
    assertEquals(DispatchResult.Outcome.CAPACITY_REACHED, dispatch("c2", 1).outcome());
    assertEquals(1, await(store.queue()).size());
  }

  @Test
  void aChatIdIsNeverReused() {
    await(store.enqueue(entry("a", 1), 10));
    await(store.enqueue(entry("b", 2), 10));
    dispatch("same", 4);
    assertEquals(DispatchResult.Outcome.DUPLICATE_CHAT_ID, dispatch("same", 4).outcome());
  }

  @Test
  void aVisitorIsFoundByTokenHashWhetherQueuedOrChatting() {
    await(store.enqueue(entry("a", 1), 10));
    assertTrue(await(store.findVisitor("hash-a")).orElseThrow().queued().isPresent());
    dispatch("c1", 2);
    assertEquals("c1", await(store.findVisitor("hash-a")).orElseThrow().chat().orElseThrow().chatId());
    assertTrue(await(store.findVisitor("hash-unknown")).isEmpty());
  }

  @Test
  void envelopesFlowOnlyInOpenChatsInOrderAndUntilAcknowledged() {
    await(store.enqueue(entry("a", 1), 10));
    dispatch("c1", 2);
    Envelope e1 = new Envelope(1, "x");
    assertEquals(AppendResult.NO_CHAT, await(store.append("c1", Direction.TO_COUNSELLOR, e1, 10)));
    assertEquals(ChatState.OPEN, await(store.openChat("c1", "enc")).orElseThrow().state());
    assertTrue(await(store.openChat("c1", "enc")).isEmpty());
    assertEquals(AppendResult.ACCEPTED, await(store.append("c1", Direction.TO_COUNSELLOR, e1, 10)));
    assertEquals(AppendResult.DUPLICATE, await(store.append("c1", Direction.TO_COUNSELLOR, e1, 10)));
    assertEquals(AppendResult.GAP, await(store.append("c1", Direction.TO_COUNSELLOR, new Envelope(3, "z"), 10)));
    assertEquals(AppendResult.ACCEPTED, await(store.append("c1", Direction.TO_COUNSELLOR, new Envelope(2, "y"), 10)));
    assertEquals(2L, await(store.lastReceived("c1", Direction.TO_COUNSELLOR)));
    assertEquals(0L, await(store.lastReceived("c1", Direction.TO_VISITOR)));
    assertEquals(List.of("x", "y"), await(store.pending("c1", Direction.TO_COUNSELLOR, 0)).stream().map(Envelope::ct).toList());
    assertTrue(await(store.ack("c1", Direction.TO_COUNSELLOR, 1)));
    assertFalse(await(store.ack("c1", Direction.TO_COUNSELLOR, 5)));
    assertEquals(List.of("y"), await(store.pending("c1", Direction.TO_COUNSELLOR, 0)).stream().map(Envelope::ct).toList());
  }

  @Test
  void endingAChatDeletesItAndItsEnvelopesAndAnswersOnlyTheFirstCaller() {
    await(store.enqueue(entry("a", 1), 10));
    dispatch("c1", 2);
    await(store.openChat("c1", "enc"));
    await(store.append("c1", Direction.TO_VISITOR, new Envelope(1, "x"), 10));
    assertTrue(await(store.endChat("c1")).isPresent());
    assertTrue(await(store.endChat("c1")).isEmpty());
    assertTrue(await(store.chat("c1")).isEmpty());
    assertTrue(await(store.pending("c1", Direction.TO_VISITOR, 0)).isEmpty());
    assertTrue(await(store.findVisitor("hash-a")).isEmpty());
  }

  @Test
  void anUnansweredOfferGoesBackToItsPlaceButAnOpenedChatStays() {
    await(store.enqueue(entry("a", 1), 10));
    await(store.enqueue(entry("b", 2), 10));
    dispatch("c1", 2);
    assertEquals("c1", await(store.takeBack("c1")).orElseThrow().chatId());
    assertEquals(List.of("a", "b"), await(store.queue()).stream().map(QueueEntry::id).toList());
    assertTrue(await(store.chat("c1")).isEmpty());
    assertTrue(await(store.chatsOf("kari")).isEmpty());
    assertTrue(await(store.findVisitor("hash-a")).orElseThrow().queued().isPresent());
    assertTrue(await(store.takeBack("c1")).isEmpty());

    dispatch("c2", 2);
    await(store.openChat("c2", "enc"));
    assertTrue(await(store.takeBack("c2")).isEmpty());
    assertEquals(ChatState.OPEN, await(store.chat("c2")).orElseThrow().state());
  }

  @Test
  void dutyIsRememberedAndListed() {
    assertFalse(await(store.duty("kari")).onDuty());
    await(store.setDuty(new Duty("kari", Duty.Status.ON, 2)));
    await(store.setDuty(new Duty("ola", Duty.Status.OFF, 0)));
    assertEquals(List.of("kari"), await(store.onDuty()).stream().map(Duty::username).toList());
  }

  @Test
  void sessionsAreFoundByHashUntilDeleted() {
    await(store.saveSession("h1", new Session("kari", T0, T0, 0), Duration.ofMinutes(5)));
    assertEquals("kari", await(store.session("h1")).orElseThrow().username());
    await(store.deleteSession("h1"));
    assertTrue(await(store.session("h1")).isEmpty());
  }

  @Test
  void loginAttemptsAreFreeThenBlockedForADoublingWhileUpToTheCap() {
    LoginBackoff backoff = new LoginBackoff(3, Duration.ofSeconds(60), Duration.ofMinutes(5));
    assertEquals(LoginAttempt.admitted(1), await(store.loginAttempt("n1", T0, backoff)));
    assertEquals(LoginAttempt.admitted(2), await(store.loginAttempt("n1", T0, backoff)));
    assertEquals(LoginAttempt.admitted(3), await(store.loginAttempt("n1", T0, backoff)), "the third is still checked");
    Instant end = T0.plusSeconds(60);
    assertEquals(LoginAttempt.refused(end), await(store.loginAttempt("n1", T0, backoff)));
    assertEquals(LoginAttempt.refused(end), await(store.loginAttempt("n1", end.minusMillis(1), backoff)),
        "a refused attempt changes nothing");
    assertEquals(LoginAttempt.admitted(4), await(store.loginAttempt("n1", end, backoff)));
    assertEquals(LoginAttempt.refused(end.plusSeconds(120)), await(store.loginAttempt("n1", end, backoff)), "doubled");
    Instant later = end.plusSeconds(120);
    assertEquals(LoginAttempt.admitted(5), await(store.loginAttempt("n1", later, backoff)));
    later = later.plusSeconds(240);
    assertEquals(LoginAttempt.admitted(6), await(store.loginAttempt("n1", later, backoff)));
    assertEquals(LoginAttempt.refused(later.plus(Duration.ofMinutes(5))), await(store.loginAttempt("n1", later, backoff)),
        "480 s capped at 5 min");

    assertEquals(LoginAttempt.admitted(1), await(store.loginAttempt("n2", later, backoff)), "other names are untouched");
    await(store.clearLoginAttempts("n1"));
    assertEquals(LoginAttempt.admitted(1), await(store.loginAttempt("n1", later, backoff)), "a success starts over");
  }

  @Test
  void loginFailuresAreCountedServiceWideOverThisAndThePreviousMinute() {
    Instant minute = Instant.parse("2026-11-23T17:05:00Z");
    assertEquals(0L, await(store.recentLoginFailures(minute)));
    assertEquals(1L, await(store.countLoginFailure(minute)));
    assertEquals(2L, await(store.countLoginFailure(minute.plusSeconds(59))));
    assertEquals(3L, await(store.countLoginFailure(minute.plusSeconds(60))), "the previous minute still counts");
    assertEquals(3L, await(store.recentLoginFailures(minute.plusSeconds(119))));
    assertEquals(1L, await(store.recentLoginFailures(minute.plusSeconds(120))), "two minutes on, only the last one");
    assertEquals(0L, await(store.recentLoginFailures(minute.plusSeconds(180))));
  }

  @Test
  void countersAddUpPerDay() {
    LocalDate day = LocalDate.of(2026, 11, 23);
    await(store.increment("contacts.offered", day, 1));
    await(store.increment("contacts.offered", day, 2));
    assertEquals(3L, await(store.counters(day)).get("contacts.offered"));
    assertTrue(await(store.counters(day.plusDays(1))).isEmpty());
  }

  @Test
  void recentChatDurationsKeepTheNewest() {
    List<Duration> expected = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      await(store.recordChatDuration(Duration.ofSeconds(i)));
      expected.add(Duration.ofSeconds(i));
    }
    List<Duration> recent = await(store.recentChatDurations());
    assertEquals(expected.subList(60 - recent.size(), 60), recent);
    assertTrue(recent.size() >= 20);
  }

  @Test
  void pingAnswers() {
    Boolean answered = await(store.ping().map(v -> Boolean.TRUE));
    assertTrue(answered);
  }

  // --- callbacks and tickets ---

  private static Item item(String id, Item.Kind kind, int createdSecond, Duration lifetime) {
    Instant created = T0.plusSeconds(createdSecond);
    return new Item(id, kind, "lookup-" + id, Map.of("d1", new Item.Sealed("enc-" + id, "ct-" + id)),
        kind == Item.Kind.CALLBACK ? List.of(new CallbackWindow(T0.plusSeconds(3600), T0.plusSeconds(7200))) : List.of(),
        Preference.WOMAN, Language.EN, created, created.plus(lifetime), null, ItemState.WAITING, 0, null, null, null,
        null, 0);
  }

  @Test
  void anItemIsFoundByIdAndByLookupHashAndNeverSavedTwice() {
    Item cb = item("cb1", Item.Kind.CALLBACK, 0, Duration.ofDays(7));
    assertTrue(await(store.createItem(cb)));
    assertEquals(Optional.of(cb), await(store.item("cb1")));
    assertEquals(Optional.of(cb), await(store.itemByLookup("lookup-cb1")));
    assertFalse(await(store.createItem(cb)), "the same id");
    Item sameLookup = new Item("cb2", cb.kind(), cb.lookupHash(), cb.sealed(), cb.windows(), cb.preference(),
        cb.language(), cb.createdAt(), cb.expiresAt(), null, ItemState.WAITING, 0, null, null, null, null, 0);
    assertFalse(await(store.createItem(sameLookup)), "the same lookup hash");
    assertEquals(Optional.empty(), await(store.item("cb2")));
    assertEquals(Optional.empty(), await(store.itemByLookup("lookup-unknown")));
  }

  @Test
  void itemsAreListedPerKindOldestFirst() {
    await(store.createItem(item("late", Item.Kind.CALLBACK, 20, Duration.ofDays(7))));
    await(store.createItem(item("early", Item.Kind.CALLBACK, 10, Duration.ofDays(7))));
    await(store.createItem(item("ticket", Item.Kind.TICKET, 5, Duration.ofDays(1))));
    assertEquals(List.of("early", "late"), await(store.items(Item.Kind.CALLBACK)).stream().map(Item::id).toList());
    assertEquals(List.of("ticket"), await(store.items(Item.Kind.TICKET)).stream().map(Item::id).toList());
  }

  @Test
  void aChangeIsWrittenOnlyOverTheVersionItWasMadeFrom() {
    Item cb = item("cb", Item.Kind.CALLBACK, 0, Duration.ofDays(7));
    await(store.createItem(cb));
    Item claimed = cb.claimed("kari", T0.plusSeconds(600));
    assertTrue(await(store.replaceItem(claimed)));
    assertFalse(await(store.replaceItem(cb.claimed("ola", T0.plusSeconds(600)))), "made from a stale version");
    assertEquals("kari", await(store.item("cb")).orElseThrow().claimedBy());
    Item done = claimed.finished(ItemState.DONE);
    assertTrue(await(store.replaceItem(done)));
    assertEquals(Map.of(), await(store.item("cb")).orElseThrow().sealed(), "done deletes the ciphertext");
    assertFalse(await(store.replaceItem(item("ghost", Item.Kind.CALLBACK, 0, Duration.ofDays(1)).calling(java.time.Instant.now().plusSeconds(60)))),
        "an item that does not exist");
  }

  @Test
  void ofManyClaimsAtOnceExactlyOneWins() {
    Item cb = item("cb", Item.Kind.CALLBACK, 0, Duration.ofDays(7));
    await(store.createItem(cb));
    List<Future<Boolean>> claims = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claims.add(store.replaceItem(cb.claimed("counsellor" + i, T0.plusSeconds(600))));
    }
    await(Future.all(claims));
    assertEquals(1, claims.stream().filter(Future::result).count());
    String winner = await(store.item("cb")).orElseThrow().claimedBy();
    assertEquals(1, claims.stream().filter(f -> f.result()).count());
    assertTrue(winner.startsWith("counsellor"));
  }

  @Test
  void deletingAnItemRemovesItsLookupAndAnswersOnlyTheFirstCaller() {
    await(store.createItem(item("cb", Item.Kind.CALLBACK, 0, Duration.ofDays(7))));
    assertTrue(await(store.deleteItem("cb")));
    assertFalse(await(store.deleteItem("cb")));
    assertEquals(Optional.empty(), await(store.itemByLookup("lookup-cb")));
    assertTrue(await(store.items(Item.Kind.CALLBACK)).isEmpty());
  }

  @Test
  void expiredItemsAreHiddenThenDeletedAndHandedToOneSweeperOnly() {
    await(store.createItem(item("old", Item.Kind.TICKET, 0, Duration.ZERO.plusMillis(1)).withPlaceUntil(T0)));
    await(store.createItem(item("young", Item.Kind.TICKET, 0, Duration.ofDays(1))));
    await(store.createItem(item("past", Item.Kind.CALLBACK, -10, Duration.ofSeconds(10))));
    assertEquals(Optional.empty(), await(store.item("past")), "past its expiry: not answered");
    assertEquals(Optional.empty(), await(store.itemByLookup("lookup-past")));
    List<Item> gone = await(store.expireItems(T0.plusSeconds(1)));
    assertEquals(Set.of("old", "past"), Set.copyOf(gone.stream().map(Item::id).toList()));
    assertTrue(await(store.expireItems(T0.plusSeconds(1))).isEmpty(), "each is handed out once");
    assertEquals(List.of("young"), await(store.items(Item.Kind.TICKET)).stream().map(Item::id).toList());
    assertTrue(await(store.createItem(item("old", Item.Kind.TICKET, 0, Duration.ofDays(1)))),
        "nothing of it is left, not even its id");
  }

  @Test
  void everyRegisteredDeviceIsListed() {
    Device a = new Device("da", "kari", "id-a", "enc-a", Map.of("deviceId", "da"), T0);
    Device b = new Device("db", "ola", "id-b", "enc-b", null, T0);
    await(store.saveDevice(a));
    await(store.saveDevice(b));
    await(store.saveDevice(a));
    assertEquals(Set.of("da", "db"), Set.copyOf(await(store.devices()).stream().map(Device::deviceId).toList()));
  }

  @Test
  void accountsAreCreatedOnceAndListedHoweverTheyWereSaved() {
    Account invited = Account.invited("ola", "Ola", Gender.MAN, Set.of(Language.NB), Role.COUNSELLOR);
    assertTrue(await(store.createAccount(invited)));
    assertFalse(await(store.createAccount(invited.withProfile("Other", Gender.WOMAN, Set.of(Language.EN), Role.ADMIN))),
        "a taken name is never overwritten");
    assertEquals("Ola", await(store.account("ola")).orElseThrow().displayName());
    await(store.saveAccount(new Account("kari", "$argon2id$hash", "Kari", Gender.WOMAN, Set.of(Language.EN),
        Role.ADMIN, false, 3, "SECRET", 7)));
    await(store.saveAccount(invited.withDisabled(true)));
    List<Account> all = await(store.accounts());
    assertEquals(Set.of("ola", "kari"), Set.copyOf(all.stream().map(Account::username).toList()));
    Account kari = all.stream().filter(a -> a.username().equals("kari")).findFirst().orElseThrow();
    assertEquals(new Account("kari", "$argon2id$hash", "Kari", Gender.WOMAN, Set.of(Language.EN), Role.ADMIN, false, 3,
        "SECRET", 7), kari);
    assertTrue(all.stream().filter(a -> a.username().equals("ola")).findFirst().orElseThrow().disabled());
  }

  @Test
  void anInvitationLivesUntilItsExpiryAndIsDeletedOnceOnly() {
    Invitation invitation = new Invitation("ola", 2, T0.plusSeconds(3600), null, null);
    await(store.saveInvitation("hash-1", invitation));
    await(store.saveInvitation("hash-old", new Invitation("ola", 1, T0, null, null)));
    assertEquals(Optional.of(invitation), await(store.invitation("hash-1")));
    assertEquals(Optional.empty(), await(store.invitation("hash-old")), "at its expiry it is gone");
    assertEquals(Optional.empty(), await(store.invitation("hash-unknown")));
    Invitation enrolled = invitation.withPending("$argon2id$pending", "PENDING");
    await(store.saveInvitation("hash-1", enrolled));
    assertEquals(Optional.of(enrolled), await(store.invitation("hash-1")));
    assertTrue(await(store.deleteInvitation("hash-1")));
    assertFalse(await(store.deleteInvitation("hash-1")), "used up by one caller only");
    assertEquals(Optional.empty(), await(store.invitation("hash-1")));
  }

  @Test
  void aRevokedDeviceKeepsItsRevocationAndLosesItsCertificate() {
    Device d = new Device("dr", "kari", "id-r", "enc-r", Map.of("deviceId", "dr"), T0);
    await(store.saveDevice(d.revokedAt(T0.plusSeconds(5))));
    Device back = await(store.device("dr")).orElseThrow();
    assertEquals(T0.plusSeconds(5), back.revokedAt());
    assertFalse(back.certified());
    assertEquals(null, back.certificate());
  }

  @Test
  void savedHoursReplaceEachOtherWholeWithTheirVersion() {
    assertEquals(Optional.empty(), await(store.hours()), "nothing saved: the configured hours apply");
    assertEquals(Optional.empty(), await(store.hoursVersion()));
    HoursSettings week = new HoursSettings(WeeklySchedule.parse("mon=17:00-22:00;thu=22:00-24:00"),
        DatedExceptions.parse("2026-12-24=closed;2026-12-23=10:00-14:00"), false, no.lytt.hours.Override.SCHEDULE);
    await(store.saveHours(new StoredHours(week, "v1")));
    assertEquals(Optional.of(new StoredHours(week, "v1")), await(store.hours()));
    StoredHours closed = new StoredHours(week.withOverride(no.lytt.hours.Override.CLOSED), "v2");
    await(store.saveHours(closed));
    assertEquals(Optional.of("v2"), await(store.hoursVersion()));
    assertEquals(Optional.of(closed), await(store.hours()));
  }
}
