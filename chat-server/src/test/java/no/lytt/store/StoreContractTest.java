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
import java.util.OptionalInt;
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
import no.lytt.lists.ListEntry;
import no.lytt.lists.ListKind;
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
import no.lytt.queue.QueueView;
import no.lytt.queue.Staffing;
import no.lytt.relay.AppendResult;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatOffer;
import no.lytt.relay.ChatState;
import no.lytt.relay.Direction;
import no.lytt.relay.Envelope;
import no.lytt.transfer.TransferAsk;
import no.lytt.transfer.TransferRequest;
import no.lytt.transfer.TransferResult;
import no.lytt.wrapup.WrapUpClaim;
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

  protected static QueueEntry entry(String id, int second) {
    return new QueueEntry(id, "hash-" + id, Preference.NONE, Language.NB, T0.plusSeconds(second));
  }

  /** The queue in order, as a console sees its head (the tests queue far fewer than that). */
  private List<QueueEntry> queued() {
    return await(store.queueView(100, List.of())).head();
  }

  protected DispatchResult dispatch(String chatId, int capacity) {
    await(store.setDuty(new Duty(kari.username(), Duty.Status.ON, capacity)));
    return await(store.dispatch(new DispatchRequest(kari, chatId, "d1", offer, T0)));
  }

  @Test
  void theQueueIsKeptInArrivalOrder() {
    await(store.enqueue(entry("late", 9), 10, 0));
    await(store.enqueue(entry("early", 1), 10, 0));
    assertEquals(List.of("early", "late"), queued().stream().map(QueueEntry::id).toList());
  }

  @Test
  void aFullQueueRefusesNewcomersAndKeepsEveryoneElse() {
    await(store.enqueue(entry("a", 1), 1, 0));
    LyttException e = assertThrows(LyttException.class, () -> await(store.enqueue(entry("b", 2), 1, 0)));
    assertEquals(ErrorCode.QUEUE_FULL, e.code());
    assertEquals(1, queued().size());
  }

  @Test
  void joiningAnswersTheNewcomersPositionWithoutReadingTheQueue() {
    assertEquals(1, await(store.enqueue(entry("late", 9), 10, 0)).positionOf("late"));
    QueueView early = await(store.enqueue(entry("early", 1), 10, 1));
    assertEquals(1, early.positionOf("early"), "an earlier ticket goes ahead of a later arrival");
    assertEquals(2, early.length());
    assertEquals(List.of("early"), early.head().stream().map(QueueEntry::id).toList(), "what consoles are shown");
  }

  @Test
  void aViewHoldsTheHeadAndThePlacesAskedAboutAndSaysWhoIsGone() {
    for (int i = 1; i <= 5; i++) {
      await(store.enqueue(entry("v" + i, i), 10, 0));
    }
    QueueView view = await(store.queueView(2, List.of("v4", "v1", "gone")));
    assertEquals(5, view.length());
    assertEquals(List.of("v1", "v2"), view.head().stream().map(QueueEntry::id).toList());
    assertEquals(4, view.positionOf("v4"));
    assertEquals(1, view.positionOf("v1"));
    assertEquals(0, view.positionOf("gone"), "not queued: no position");
    assertEquals(List.of(), await(store.queueView(0, List.of())).head());
  }

  @Test
  void theViewCountsSlotsOfCounsellorsOnDutyAndTheChatsTakingThem() {
    await(store.setDuty(new Duty("kari", Duty.Status.ON, 2)));
    await(store.setDuty(new Duty("ola", Duty.Status.BREAK, 3)));
    await(store.enqueue(entry("a", 1), 10, 0));
    await(store.enqueue(entry("b", 2), 10, 0));
    assertEquals(0, await(store.queueView(0, List.of())).staffing().busySlots());
    dispatch("c1", 2);
    Staffing staffing = await(store.queueView(0, List.of())).staffing();
    assertEquals(List.of("kari"), staffing.onDuty().stream().map(Duty::username).toList(),
        "a counsellor on a break serves nobody new");
    assertEquals(2, staffing.totalSlots());
    assertEquals(1, staffing.busySlots());
  }

  @Test
  void theStaffingAViewShowsFollowsEveryChangeAtOnce() {
    // Each step is read before the change and after it, so a view kept from before would show.
    await(store.setDuty(new Duty(kari.username(), Duty.Status.ON, 2)));
    await(store.enqueue(entry("a", 1), 10, 0));
    await(store.enqueue(entry("b", 2), 10, 0));
    assertEquals(0, staffing().busySlots());

    await(store.dispatch(new DispatchRequest(kari, "c1", "d1", offer, T0)));
    assertEquals(1, staffing().busySlots(), "a chat opened");
    await(store.takeBack("c1"));
    assertEquals(0, staffing().busySlots(), "an offer taken back");
    await(store.dispatch(new DispatchRequest(kari, "c2", "d1", offer, T0)));
    assertEquals(1, staffing().busySlots());
    await(store.endChat("c2"));
    assertEquals(0, staffing().busySlots(), "a chat ended");

    await(store.setDuty(new Duty("ola", Duty.Status.ON, 3)));
    assertEquals(5, staffing().totalSlots(), "a colleague on duty");
    await(store.setDuty(new Duty(kari.username(), Duty.Status.BREAK, 2)));
    assertEquals(List.of("ola"), staffing().onDuty().stream().map(Duty::username).toList(), "a break");
  }

  private Staffing staffing() {
    return await(store.queueView(0, List.of())).staffing();
  }

  @Test
  void aCounsellorGetsTheLongestWaitingVisitorTheyMatchAndTheOthersKeepTheirPlaces() {
    await(store.enqueue(new QueueEntry("wants-a-man", "h1", Preference.MAN, Language.NB, T0.plusSeconds(1)), 10, 0));
    await(store.enqueue(new QueueEntry("english", "h2", Preference.NONE, Language.EN, T0.plusSeconds(2)), 10, 0));
    await(store.enqueue(new QueueEntry("kari-ok", "h3", Preference.WOMAN, Language.NB, T0.plusSeconds(3)), 10, 0));
    await(store.enqueue(new QueueEntry("later", "h4", Preference.NONE, Language.NB, T0.plusSeconds(4)), 10, 0));
    assertEquals("kari-ok", dispatch("c1", 4).chat().orElseThrow().visitor().id());
    assertEquals("later", dispatch("c2", 4).chat().orElseThrow().visitor().id());
    assertEquals(DispatchResult.Outcome.NO_MATCH, dispatch("c3", 4).outcome());
    assertEquals(List.of("wants-a-man", "english"), queued().stream().map(QueueEntry::id).toList());
  }

  @Test
  void dispatchHandsTheFirstVisitorToOneCounsellorAndCreatesTheChat() {
    await(store.enqueue(entry("a", 1), 10, 0));
    await(store.enqueue(entry("b", 2), 10, 0));
    DispatchResult r = dispatch("chat1", 2);
    assertEquals(DispatchResult.Outcome.DISPATCHED, r.outcome());
    Chat chat = r.chat().orElseThrow();
    assertEquals("a", chat.visitor().id());
    assertEquals(ChatState.OFFERED, chat.state());
    assertEquals(List.of("b"), queued().stream().map(QueueEntry::id).toList());
    assertEquals(List.of("chat1"), await(store.chatsOf("kari")).stream().map(Chat::chatId).toList());
  }

  @Test
  void dispatchHandsNobodyToACounsellorOffDutyOrOnABreakAndTheVisitorKeepsTheirPlace() {
    await(store.enqueue(entry("waiting", 1), 10, 0));
    assertEquals(DispatchResult.Outcome.OFF_DUTY,
        await(store.dispatch(new DispatchRequest(kari, "c1", "d1", offer, T0))).outcome());
    await(store.setDuty(new Duty(kari.username(), Duty.Status.BREAK, 2)));
    assertEquals(DispatchResult.Outcome.ON_BREAK,
        await(store.dispatch(new DispatchRequest(kari, "c1", "d1", offer, T0))).outcome());
    assertEquals(List.of("waiting"), queued().stream().map(QueueEntry::id).toList());
    assertEquals(DispatchResult.Outcome.DISPATCHED, dispatch("c1", 2).outcome(), "back on duty, the same chat id works");
  }

  @Test
  void dispatchRespectsCapacityAndEmptyQueues() {
    assertEquals(DispatchResult.Outcome.NO_MATCH, dispatch("c0", 1).outcome());
    await(store.enqueue(entry("a", 1), 10, 0));
    await(store.enqueue(entry("b", 2), 10, 0));
    assertEquals(DispatchResult.Outcome.DISPATCHED, dispatch("c1", 1).outcome());
    assertEquals(DispatchResult.Outcome.CAPACITY_REACHED, dispatch("c2", 1).outcome());
    assertEquals(1, queued().size());
  }

  /** A node answers accepts pressed before a dispatch that left nobody waiting without asking again. */
  @Test
  void aDispatchTellsHowManyVisitorsItLeftWaitingUnlessTheRefusalWasTheCounsellorsOwn() {
    await(store.enqueue(entry("a", 1), 10, 0));
    await(store.enqueue(new QueueEntry("english", "h2", Preference.NONE, Language.EN, T0.plusSeconds(2)), 10, 0));
    assertEquals(OptionalInt.of(1), dispatch("c1", 4).waitingAfter(), "the English speaker still waits");
    DispatchResult nobodyForKari = dispatch("c2", 4);
    assertEquals(DispatchResult.Outcome.NO_MATCH, nobodyForKari.outcome());
    assertEquals(OptionalInt.of(1), nobodyForKari.waitingAfter(), "kari speaks no English, but someone waits");
    assertFalse(nobodyForKari.leftQueueEmpty());

    await(store.enqueue(entry("b", 3), 10, 0));
    await(store.dequeue("english"));
    DispatchResult last = dispatch("c3", 4);
    assertEquals("b", last.chat().orElseThrow().visitor().id());
    assertEquals(OptionalInt.of(0), last.waitingAfter());
    assertTrue(last.leftQueueEmpty());
    assertEquals(OptionalInt.of(0), dispatch("c4", 4).waitingAfter(), "nobody at all");

    await(store.enqueue(entry("d", 4), 10, 0));
    DispatchResult full = dispatch("c5", 2);
    assertEquals(DispatchResult.Outcome.CAPACITY_REACHED, full.outcome());
    assertEquals(OptionalInt.empty(), full.waitingAfter(), "the counsellor's own refusal says nothing about the queue");
  }

  @Test
  void aChatIdIsNeverReused() {
    await(store.enqueue(entry("a", 1), 10, 0));
    await(store.enqueue(entry("b", 2), 10, 0));
    dispatch("same", 4);
    assertEquals(DispatchResult.Outcome.DUPLICATE_CHAT_ID, dispatch("same", 4).outcome());
  }

  @Test
  void aVisitorIsFoundByTokenHashWhetherQueuedOrChatting() {
    await(store.enqueue(entry("a", 1), 10, 0));
    assertTrue(await(store.findVisitor("hash-a")).orElseThrow().queued().isPresent());
    dispatch("c1", 2);
    assertEquals("c1", await(store.findVisitor("hash-a")).orElseThrow().chat().orElseThrow().chatId());
    assertTrue(await(store.findVisitor("hash-unknown")).isEmpty());
  }

  @Test
  void envelopesFlowOnlyInOpenChatsInOrderAndUntilAcknowledged() {
    await(store.enqueue(entry("a", 1), 10, 0));
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
  void theTailIsTheLastHeldEnvelopesWithoutTheAcknowledgedOnes() {
    await(store.enqueue(entry("a", 1), 10, 0));
    dispatch("c1", 2);
    await(store.openChat("c1", "enc"));
    assertEquals(List.of(), await(store.pendingTail("c1", Direction.TO_COUNSELLOR, 4)));
    for (String ct : List.of("a", "b", "c", "d", "e", "f")) {
      long seq = await(store.lastReceived("c1", Direction.TO_COUNSELLOR)) + 1;
      assertEquals(AppendResult.ACCEPTED, await(store.append("c1", Direction.TO_COUNSELLOR, new Envelope(seq, ct), 10)));
    }
    assertEquals(List.of("c", "d", "e", "f"), cts(await(store.pendingTail("c1", Direction.TO_COUNSELLOR, 4))));
    assertTrue(await(store.ack("c1", Direction.TO_COUNSELLOR, 4)));
    assertEquals(List.of("e", "f"), cts(await(store.pendingTail("c1", Direction.TO_COUNSELLOR, 4))));
    assertEquals(List.of(), await(store.pendingTail("c1", Direction.TO_VISITOR, 4)), "the other direction holds nothing");
    assertEquals(List.of(), await(store.pendingTail("nope", Direction.TO_VISITOR, 4)), "no such chat");
  }

  private static List<String> cts(List<Envelope> envelopes) {
    return envelopes.stream().map(Envelope::ct).toList();
  }

  @Test
  void endingAChatDeletesItAndItsEnvelopesAndAnswersOnlyTheFirstCaller() {
    await(store.enqueue(entry("a", 1), 10, 0));
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
    await(store.enqueue(entry("a", 1), 10, 0));
    await(store.enqueue(entry("b", 2), 10, 0));
    dispatch("c1", 2);
    assertEquals("c1", await(store.takeBack("c1")).orElseThrow().chatId());
    assertEquals(List.of("a", "b"), queued().stream().map(QueueEntry::id).toList());
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
  void oneEventsCountsAreAddedTogether() {
    LocalDate day = LocalDate.of(2026, 11, 23);
    await(store.increment("chats.completed", day, 4));
    await(store.count(List.of("chats.completed", "duration.0-5m"), day));
    await(store.count(List.of("chats.completed"), day));
    assertEquals(Map.of("chats.completed", 6L, "duration.0-5m", 1L), await(store.counters(day)));
  }

  @Test
  void aRangeOfDaysIsReadAtOnceWithEmptyDaysLeftOut() {
    LocalDate first = LocalDate.of(2025, 12, 31);
    await(store.increment("contacts.offered", first, 2));
    await(store.increment("wait.0-1m", first.plusDays(1), 1));
    await(store.increment("contacts.offered", first.plusDays(365), 7));
    await(store.increment("contacts.offered", first.plusDays(366), 1));

    Map<LocalDate, Map<String, Long>> year = await(store.counters(first, first.plusDays(365)));
    assertEquals(Map.of(first, Map.of("contacts.offered", 2L), first.plusDays(1), Map.of("wait.0-1m", 1L),
        first.plusDays(365), Map.of("contacts.offered", 7L)), year);
    assertTrue(await(store.counters(first.minusDays(9), first.minusDays(1))).isEmpty());
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

  // --- lists ---

  private static ListEntry listEntry(String id, int second, String nb) {
    return new ListEntry(id, Map.of("nb", nb, "en", nb + " (en)"), false, T0.plusSeconds(second));
  }

  @Test
  void listEntriesAreAddedOnceListedInTheOrderTheyCameAndReplacedWhole() {
    assertEquals(List.of(), await(store.listEntries(ListKind.SOURCES)));
    ListEntry radio = listEntry("radio", 2, "Radio");
    ListEntry friend = listEntry("friend", 1, "Venn");
    assertTrue(await(store.addListEntry(ListKind.SOURCES, radio)));
    assertTrue(await(store.addListEntry(ListKind.SOURCES, friend)));
    assertFalse(await(store.addListEntry(ListKind.SOURCES, listEntry("radio", 3, "Annen radio"))),
        "an id is taken once per list");
    assertTrue(await(store.addListEntry(ListKind.CATEGORIES, listEntry("radio", 3, "Radio"))),
        "lists do not share ids");
    assertEquals(List.of(friend, radio), await(store.listEntries(ListKind.SOURCES)));

    ListEntry retired = radio.withFields(Map.of("nb", "Radio og podkast", "en", "Radio and podcasts")).withRetired(true);
    assertTrue(await(store.replaceListEntry(ListKind.SOURCES, retired)));
    assertEquals(List.of(friend, retired), await(store.listEntries(ListKind.SOURCES)));
    assertFalse(await(store.replaceListEntry(ListKind.SOURCES, listEntry("tv", 4, "TV"))),
        "replacing writes nothing for an id that was never added");
    assertEquals(2, await(store.listEntries(ListKind.SOURCES)).size());
  }

  @Test
  void anEndedChatTakesOneWrapUpFromItsOwnCounsellor() {
    assertEquals(WrapUpClaim.UNKNOWN, await(store.claimWrapUp("c1", "kari")));
    await(store.rememberEndedChat("c1", "kari", Duration.ofHours(12)));
    assertEquals(WrapUpClaim.NOT_OWNER, await(store.claimWrapUp("c1", "ola")));
    assertEquals(WrapUpClaim.CLAIMED, await(store.claimWrapUp("c1", "kari")));
    assertEquals(WrapUpClaim.ALREADY_SAVED, await(store.claimWrapUp("c1", "kari")));
    assertEquals(WrapUpClaim.ALREADY_SAVED, await(store.claimWrapUp("c1", "ola")));
  }

  @Test
  void ofManyWrapUpsAtOnceExactlyOneIsTaken() {
    await(store.rememberEndedChat("c2", "kari", Duration.ofHours(12)));
    List<Future<WrapUpClaim>> claims = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claims.add(store.claimWrapUp("c2", "kari"));
    }
    List<WrapUpClaim> results = claims.stream().map(StoreContractTest::await).toList();
    assertEquals(1, results.stream().filter(c -> c == WrapUpClaim.CLAIMED).count(), results.toString());
  }

  // --- hand-over to a colleague ---

  private final CounsellorProfile ola = new CounsellorProfile("ola", Gender.MAN, Set.of(Language.NB));

  private TransferResult transfer(String from, String to, CounsellorProfile colleague, int capacity) {
    return await(store.transfer(new TransferRequest(from, colleague, capacity, to, "d2",
        new ChatOffer("pub2", "sig2", Map.of("deviceId", "d2")), T0)));
  }

  private void runningChat(String chatId) {
    await(store.enqueue(entry("a", 1), 10, 0));
    dispatch(chatId, 2);
    await(store.openChat(chatId, "enc"));
  }

  @Test
  void aHandOverSwapsTheChatForTheColleaguesOfferedOneOnlyWhileAskedAndWithinCapacity() {
    runningChat("c1");
    await(store.append("c1", Direction.TO_COUNSELLOR, new Envelope(1, "x"), 10));
    assertEquals(TransferResult.Outcome.NOT_ASKED, transfer("c1", "c2", ola, 2).outcome());
    assertEquals(TransferAsk.NOT_FOUND, await(store.askTransfer("c1", "ola", "kari", T0.plusSeconds(15))));
    assertEquals(TransferAsk.ASKED, await(store.askTransfer("c1", "kari", "ola", T0.plusSeconds(15))));
    assertEquals(TransferAsk.ALREADY_ASKED, await(store.askTransfer("c1", "kari", "ola", T0.plusSeconds(15))));
    assertEquals(TransferResult.Outcome.NOT_ASKED,
        transfer("c1", "c2", new CounsellorProfile("per", Gender.MAN, Set.of(Language.NB)), 2).outcome());
    assertEquals(TransferResult.Outcome.CAPACITY_REACHED, transfer("c1", "c2", ola, 0).outcome());
    assertEquals(TransferResult.Outcome.DUPLICATE_CHAT_ID, transfer("c1", "c1", ola, 2).outcome());

    TransferResult moved = transfer("c1", "c2", ola, 2);
    assertEquals(TransferResult.Outcome.TRANSFERRED, moved.outcome());
    assertEquals("kari", moved.ended().orElseThrow().counsellor());
    Chat offered = moved.offered().orElseThrow();
    assertEquals(List.of("c2", "ola", "a", ChatState.OFFERED),
        List.of(offered.chatId(), offered.counsellor(), offered.visitor().id(), offered.state()));
    assertTrue(await(store.chat("c1")).isEmpty());
    assertEquals(List.of(), await(store.chatsOf("kari")));
    assertEquals(List.of("c2"), await(store.chatsOf("ola")).stream().map(Chat::chatId).toList());
    assertEquals("c2", await(store.findVisitor("hash-a")).orElseThrow().chat().orElseThrow().chatId());
    assertEquals(List.of(), await(store.pending("c1", Direction.TO_COUNSELLOR, 0)), "the old envelopes are gone");
    assertEquals(TransferResult.Outcome.NOT_ASKED, transfer("c1", "c3", ola, 2).outcome(), "handed over once");

    await(store.enqueue(entry("b", 5), 10, 0));
    assertEquals("c2", await(store.takeBack("c2")).orElseThrow().chatId());
    assertEquals(List.of("a", "b"), queued().stream().map(QueueEntry::id).toList(),
        "an unanswered new offer puts the visitor back where they first stood");
  }

  @Test
  void aWithdrawnOrExpiredAskHandsNothingOverAndAnOfferCannotBeAsked() {
    runningChat("c1");
    await(store.askTransfer("c1", "kari", "ola", T0.plusSeconds(15)));
    assertFalse(await(store.cancelTransfer("c1", "per")));
    assertTrue(await(store.cancelTransfer("c1", "ola")));
    assertFalse(await(store.cancelTransfer("c1", "ola")), "withdrawn once");
    assertEquals(TransferResult.Outcome.NOT_ASKED, transfer("c1", "c2", ola, 2).outcome());

    assertEquals(TransferAsk.ASKED, await(store.askTransfer("c1", "kari", "ola", T0)));
    assertEquals(TransferResult.Outcome.NOT_ASKED, transfer("c1", "c2", ola, 2).outcome(), "past its time");
    assertEquals(TransferAsk.ASKED, await(store.askTransfer("c1", "kari", "ola", T0.plusSeconds(15))),
        "an ask past its time is replaced");
    assertEquals(ChatState.OPEN, await(store.chat("c1")).orElseThrow().state());

    await(store.enqueue(entry("b", 2), 10, 0));
    dispatch("c3", 2);
    assertEquals(TransferAsk.NOT_OPEN, await(store.askTransfer("c3", "kari", "ola", T0.plusSeconds(15))));
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
