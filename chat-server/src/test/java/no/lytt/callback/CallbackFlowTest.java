package no.lytt.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.lytt.accounts.Role;
import no.lytt.client.CallbackDesk;
import no.lytt.client.CallbackVisitor;
import no.lytt.client.CounsellorClient;
import no.lytt.client.ProtocolError;
import no.lytt.client.VisitorClient;
import no.lytt.crypto.B64u;
import no.lytt.crypto.VisitorCode;
import no.lytt.hours.MutableClock;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.ChatClients;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Callbacks and tickets end to end with the reference clients and real crypto: the visitor seals
 * to the team's certified devices, a counsellor opens, claims, calls and records the outcome, a
 * reply is read back with the code alone; tickets taken while closed are served first at opening.
 * The server's clock is moved across the opening hours instead of waiting for them.
 */
@Timeout(120)
class CallbackFlowTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** Tuesday 24 November 2026; the line is open 10:00-12:00 on Tuesdays and Wednesdays. */
  private static final ZonedDateTime TUESDAY = ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, OSLO);
  private static final SecureRandom RANDOM = new SecureRandom();
  private MutableClock clock;
  private TestServer node;
  private final ChatClients clients = new ChatClients();
  private Vertx vertx;
  private CallbackVisitor visitor;

  @BeforeEach
  void start() {
    start(Map.of());
  }

  private void start(Map<String, String> extra) {
    clock = new MutableClock(at(9, 0), OSLO);
    Map<String, String> env = new HashMap<>(Map.of("LYTT_HOURS_WEEKLY", "tue=10:00-12:00;wed=10:00-12:00",
        "LYTT_HOURS_ZONE", "Europe/Oslo", "LYTT_HOURS_HOLIDAYS", "false", "LYTT_HOURS_CHECK_MILLIS", "100",
        "LYTT_CALLBACKS_MAX_ATTEMPTS", "2", "LYTT_SESSION_IDLE_MINUTES", "1440", "LYTT_SESSION_ABSOLUTE_HOURS", "24"));
    env.putAll(extra);
    node = TestServer.start(env, clock);
    vertx = Vertx.vertx();
    visitor = new CallbackVisitor(vertx, URI.create(node.origin() + "/"), node.origin(),
        B64u.decode(node.lytt().organisationPublicKey()), clock, RANDOM);
  }

  @AfterEach
  void stop() {
    Await.of(visitor.close());
    clients.close();
    node.close();
    Await.of(vertx.close());
  }

  private static Instant at(int hour, int minute) {
    return TUESDAY.withHour(hour).withMinute(minute).toInstant();
  }

  private static List<Instant[]> tenToEleven() {
    return List.<Instant[]>of(new Instant[] {at(10, 0), at(11, 0)});
  }

  private CounsellorClient counsellor(String name) {
    if (!"demo".equals(name)) {
      Await.of(node.lytt().accounts().save(name, ("password-of-" + name).toCharArray(), name, Gender.MAN, Set.of(Language.NB),
          Role.COUNSELLOR));
    }
    return clients.onDuty(node, name, "demo".equals(name) ? TestServer.DEMO_PASSWORD : "password-of-" + name, 1);
  }

  /** A chat visitor whose page's clock is the server's moved clock, so certificates are current. */
  private VisitorClient chatVisitor() {
    VisitorClient v = new VisitorClient(vertx, B64u.decode(node.lytt().organisationPublicKey()), clock);
    Await.of(v.connect(node.visitorUri(), node.origin()));
    return v;
  }

  private static JsonObject only(JsonObject list, String kind) {
    assertEquals(1, list.getJsonArray(kind).size(), list.encodePrettily());
    return list.getJsonArray(kind).getJsonObject(0);
  }

  private Map<String, Long> counters() {
    return Await.of(node.lytt().store().counters(LocalDate.ofInstant(clock.instant(), OSLO)));
  }

  private static String errorOf(Future<?> f) {
    return refusal(f).code();
  }

  private static ProtocolError refusal(Future<?> f) {
    return assertThrows(ProtocolError.class, () -> Await.of(f));
  }

  @Test
  void aCallbackIsSealedClaimedByOneCalledRetriedAndDoneWithItsContentsDeletedAtOnce() {
    CallbackDesk kari = counsellor("demo").callbacks();
    CallbackDesk ola = counsellor("ola").callbacks();
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "helst etter kl 10",
        tenToEleven(), "woman", "nb"));
    String code = issued.code().text();
    assertEquals("waiting", Await.of(visitor.status(code)).getString("state"));

    JsonObject seen = only(Await.of(kari.list()), "callbacks");
    assertEquals("later_today", seen.getString("category"));
    assertEquals("woman", seen.getString("preference"));
    JsonObject contents = kari.open(seen);
    assertEquals("+4791234567", contents.getString("phone"));
    assertEquals("helst etter kl 10", contents.getString("note"));

    clock.set(at(10, 5));
    assertEquals("due_now", only(Await.of(kari.list()), "callbacks").getString("category"));
    assertEquals("claimed", Await.of(kari.act(issued.id(), "claim")).getString("state"));
    assertEquals("wrong_state", errorOf(ola.act(issued.id(), "claim")), "one counsellor per callback");
    assertEquals("wrong_state", errorOf(ola.act(issued.id(), "done")), "only the claimer records outcomes");
    Await.of(kari.act(issued.id(), "called"));
    assertEquals("calling", Await.of(visitor.status(code)).getString("state"));

    JsonObject retry = Await.of(kari.act(issued.id(), "no-answer"));
    assertEquals("retry", retry.getString("state"));
    JsonObject status = Await.of(visitor.status(code));
    assertEquals("no_answer", status.getString("state"));
    assertEquals(1, status.getInteger("attempts"));
    assertEquals(at(11, 5).toEpochMilli(), status.getLong("nextTryAt"), "tried again an hour later");

    clock.set(at(11, 6));
    Await.of(ola.act(issued.id(), "claim"));
    Await.of(ola.act(issued.id(), "called"));
    Await.of(ola.reply(only(Await.of(ola.list()), "callbacks"), "Vi ringte deg. Velkommen tilbake."));
    assertEquals("done", Await.of(ola.act(issued.id(), "done")).getString("state"));
    JsonObject done = Await.of(visitor.status(code));
    assertEquals("done", done.getString("state"));
    assertEquals("Vi ringte deg. Velkommen tilbake.", CallbackVisitor.readReply(code, done));
    assertTrue(Await.of(node.lytt().store().item(issued.id())).orElseThrow().sealed().isEmpty(),
        "done deletes the sealed phone number at once");
    assertTrue(Await.of(kari.list()).getJsonArray("callbacks").isEmpty());
    assertEquals(1L, counters().get("callbacks.requested"));
    assertEquals(1L, counters().get("callbacks.completed"));
  }

  @Test
  void aCallbackNobodyAnswersIsGivenUpAfterTheLastTryAndACancelledOneIsGone() {
    CallbackDesk kari = counsellor("demo").callbacks();
    clock.set(at(10, 0));
    CallbackVisitor.Issued unanswered = Await.of(visitor.requestCallback("41234567", "", tenToEleven(), "none", "en"));
    for (int i = 0; i < 2; i++) {
      Await.of(kari.act(unanswered.id(), "claim"));
      Await.of(kari.act(unanswered.id(), "no-answer"));
    }
    JsonObject failed = Await.of(visitor.status(unanswered.code().text()));
    assertEquals("failed", failed.getString("state"));
    assertEquals(2, failed.getInteger("attempts"));
    assertTrue(Await.of(node.lytt().store().item(unanswered.id())).orElseThrow().sealed().isEmpty());

    CallbackVisitor.Issued cancelled = Await.of(visitor.requestCallback("+46701234567", "x", tenToEleven(), "man", "nb"));
    Await.of(visitor.cancel(cancelled.code().text()));
    assertEquals("not_found", errorOf(visitor.status(cancelled.code().text())));
    assertTrue(Await.of(node.lytt().store().item(cancelled.id())).isEmpty(), "deleted, not hidden");
    assertEquals(1L, counters().get("callbacks.failed"));
    assertEquals(1L, counters().get("callbacks.cancelled"));
  }

  @Test
  void lostForgedMalformedExpiredAndCancelledCodesAllGetTheSameAnswer() {
    counsellor("demo");
    CallbackVisitor.Issued expiring = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));
    CallbackVisitor.Issued cancelled = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));
    Await.of(visitor.cancel(cancelled.code().text()));
    String unknown = Await.of(visitor.statusByLookup(VisitorCode.random(RANDOM).lookup()).recover(e ->
        Future.succeededFuture(new JsonObject().put("error", ((ProtocolError) e).code() + " " + e.getMessage()))))
        .getString("error");
    assertTrue(unknown.startsWith("not_found "), unknown);
    byte[] forged = new byte[32];
    RANDOM.nextBytes(forged);
    for (Future<JsonObject> answer : List.of(visitor.statusByLookup(B64u.encode(forged)),
        visitor.statusByLookup("not-even-base64url!"), visitor.status(cancelled.code().text()))) {
      ProtocolError e = refusal(answer);
      assertEquals(unknown, e.code() + " " + e.getMessage());
    }
    clock.set(at(9, 0).plus(Duration.ofDays(7)));
    ProtocolError expired = refusal(visitor.status(expiring.code().text()));
    assertEquals(unknown, expired.code() + " " + expired.getMessage());
    Await.until(() -> Await.of(node.lytt().store().expireItems(Instant.EPOCH)).isEmpty()
        && counters().getOrDefault("callbacks.expired", 0L) == 1L, "the expired request deleted and counted");
    assertTrue(Await.of(node.lytt().store().items(Item.Kind.CALLBACK)).isEmpty());
  }

  @Test
  void guessingCodesIsRefusedAfterTheLimitWhileRealCodesStillWorkElsewhere() {
    stop();
    start(Map.of("LYTT_LIMITS_CODE_FAILURES_PER_HOUR", "3"));
    for (int i = 0; i < 3; i++) {
      assertEquals("not_found", errorOf(visitor.statusByLookup(VisitorCode.random(RANDOM).lookup())));
    }
    assertEquals("too_many_attempts", errorOf(visitor.statusByLookup(VisitorCode.random(RANDOM).lookup())));
  }

  @Test
  void aRequestSentAgainAfterALostAnswerIsStoredOnce() {
    CallbackDesk kari = counsellor("demo").callbacks();
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));

    assertEquals(issued.id(), Await.of(visitor.resendCallback(issued)).getString("id"));
    assertEquals(1, Await.of(kari.list()).getJsonArray("callbacks").size(), "one request, one call");
    assertEquals(1L, counters().get("callbacks.requested"));
    JsonObject other = issued.request().copy().put("lookup", VisitorCode.random(RANDOM).lookup());
    assertEquals("wrong_state", errorOf(visitor.resendCallback(new CallbackVisitor.Issued(issued.code(), issued.id(),
        issued.answer(), other))), "the same id with another code is refused");
  }

  @Test
  void aRequestWithdrawnByItsIdAndLookupIsGoneWithoutCostingAGuessAndAnUnstoredOneIsAnsweredAlike() {
    restartWith(Map.of("LYTT_LIMITS_CODE_FAILURES_PER_HOUR", "1"));
    CallbackDesk kari = counsellor("demo").callbacks();
    CallbackVisitor.Issued stored = Await.of(visitor.requestCallback("+4791234567", "typo", tenToEleven(), "none", "nb"));
    JsonObject forged = stored.request().copy().put("lookup", VisitorCode.random(RANDOM).lookup());
    Await.of(visitor.withdraw(new CallbackVisitor.Issued(stored.code(), stored.id(), stored.answer(), forged)));
    assertEquals(1, Await.of(kari.list()).getJsonArray("callbacks").size(), "an id with another lookup deletes nothing");

    Await.of(visitor.withdraw(stored));
    Await.of(visitor.withdraw(stored)); // the same answer when there is nothing (left) to withdraw
    assertTrue(Await.of(node.lytt().store().item(stored.id())).isEmpty(), "deleted, sealed contents and all");
    assertEquals(0, Await.of(kari.list()).getJsonArray("callbacks").size());
    assertEquals(null, counters().get("callbacks.cancelled"), "a request the visitor never saw is not counted cancelled");
    assertEquals("not_found", errorOf(visitor.statusByLookup(VisitorCode.random(RANDOM).lookup())),
        "the one unknown-code guess allowed is still there");
    assertEquals("bad_frame", errorOf(visitor.withdraw(new CallbackVisitor.Issued(stored.code(), "short", stored.answer(),
        stored.request().copy().put("id", "short")))));
  }

  @Test
  void aRequestSealedOnlyToDevicesOutsideTheTeamIsRefused() {
    counsellor("demo");
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));
    JsonObject copy = issued.request().getJsonObject("sealed").stream().findFirst()
        .map(e -> (JsonObject) e.getValue()).orElseThrow();
    JsonObject elsewhere = issued.request().copy().put("id", "BBBBBBBBBBBBBBBBBBBBBB")
        .put("lookup", VisitorCode.random(RANDOM).lookup())
        .put("sealed", new JsonObject().put("AAAAAAAAAAAAAAAAAAAAAA", copy));
    assertEquals("bad_frame", errorOf(visitor.resendCallback(new CallbackVisitor.Issued(issued.code(), "x",
        issued.answer(), elsewhere))));
  }

  @Test
  void aCallInProgressKeepsItsClaimBeyondTheClaimTime() {
    CallbackDesk kari = counsellor("demo").callbacks();
    CallbackDesk ola = counsellor("ola").callbacks();
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));
    clock.set(at(10, 5));
    Await.of(kari.act(issued.id(), "claim"));
    clock.set(at(10, 30));
    Await.of(kari.act(issued.id(), "called"));

    clock.set(at(10, 50)); // past the first claim's 30 minutes, within those from "called"
    assertEquals("wrong_state", errorOf(ola.act(issued.id(), "claim")), "nobody takes over a call in progress");
    assertEquals("done", Await.of(kari.act(issued.id(), "done")).getString("state"));
  }

  @Test
  void eachItemGetsOneReply() {
    CallbackDesk kari = counsellor("demo").callbacks();
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));

    JsonObject listed = only(Await.of(kari.list()), "callbacks");
    Await.of(kari.reply(listed, "Vi ringer deg i morgen."));
    assertEquals("wrong_state", errorOf(kari.reply(only(Await.of(kari.list()), "callbacks"), "Eller i dag.")),
        "a reply the visitor may have read is never replaced");
    assertEquals("Vi ringer deg i morgen.",
        CallbackVisitor.readReply(issued.code().text(), Await.of(visitor.status(issued.code().text()))));
  }

  @Test
  void thePageIsToldHowLongRequestsAndPlacesAreKept() {
    JsonObject kept = node.request(io.vertx.core.http.HttpMethod.GET, "/api/status", null, null).json()
        .getJsonObject("callbacks");
    assertEquals(7, kept.getInteger("keptDays"));
    assertEquals(30, kept.getInteger("ticketMinutes"));
  }

  @Test
  void aFloodOfRequestsFromOneSourceIsRefusedAndWhatWasStoredSurvives() {
    Await.of(visitor.close());
    node.close();
    Await.of(vertx.close());
    start(Map.of("LYTT_LIMITS_REQUESTS_PER_SOURCE_PER_HOUR", "2"));
    CallbackDesk kari = counsellor("demo").callbacks();
    CallbackVisitor.Issued first = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));
    Await.of(visitor.takeTicket("hei"));

    assertEquals("too_many_attempts", errorOf(visitor.requestCallback("+4798765432", "", tenToEleven(), "none", "nb")));
    assertEquals("too_many_attempts", errorOf(visitor.takeTicket("hei igjen")));
    assertEquals("waiting", Await.of(visitor.status(first.code().text())).getString("state"));
    assertEquals(1, Await.of(kari.list()).getJsonArray("callbacks").size(), "the stored request is still listed");
  }

  @Test
  void aDeviceCertifiedAfterSealingCannotReadAndSaysWhy() {
    CallbackDesk before = counsellor("demo").callbacks();
    CallbackVisitor.Issued issued = Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));
    CallbackDesk after = counsellor("demo").callbacks();
    JsonObject unreadable = only(Await.of(after.list()), "callbacks");
    assertNull(unreadable.getJsonObject("sealed"));
    assertEquals("sealed_before_device", unreadable.getString("unreadable"));
    ProtocolError refused = assertThrows(ProtocolError.class, () -> after.open(unreadable));
    assertEquals("sealed_before_device", refused.code());
    assertEquals("+4791234567", before.open(only(Await.of(before.list()), "callbacks")).getString("phone"));
    assertEquals(issued.id(), unreadable.getString("id"));
  }

  @Test
  void ticketsTakenWhileClosedAreServedFirstAtOpeningAndAnUnusedOneIsReleased() {
    CounsellorClient kari = counsellor("demo");
    CallbackVisitor.Issued first = Await.of(visitor.takeTicket("Jeg vil gjerne snakke om kjøp av sex."));
    clock.set(at(9, 10));
    CallbackVisitor.Issued second = Await.of(visitor.takeTicket(null));
    clock.set(at(9, 20));
    CallbackVisitor.Issued unused = Await.of(visitor.takeTicket(null));
    assertEquals(2, Await.of(visitor.status(second.code().text())).getInteger("position"));
    assertEquals(at(10, 30).toEpochMilli(), first.answer().getLong("placeUntil"), "held until half an hour after opening");

    JsonObject tickets = Await.of(kari.callbacks().list());
    assertEquals(3, tickets.getJsonArray("tickets").size());
    JsonObject withMessage = tickets.getJsonArray("tickets").getJsonObject(0);
    assertEquals(1, withMessage.getInteger("position"));
    assertEquals("Jeg vil gjerne snakke om kjøp av sex.", kari.callbacks().open(withMessage).getString("message"));
    Await.of(kari.callbacks().reply(withMessage, "Velkommen! Vi åpner klokka ti."));
    assertEquals("Velkommen! Vi åpner klokka ti.",
        CallbackVisitor.readReply(first.code().text(), Await.of(visitor.status(first.code().text()))));

    clock.set(at(10, 0));
    VisitorClient newcomer = chatVisitor();
    Await.until(() -> node.lytt().store() != null && Await.of(node.lytt().store().queueView(0, List.of())).length() == 0, "an empty queue");
    Await.of(newcomer.join("none", "nb"));
    VisitorClient secondHolder = chatVisitor();
    assertEquals(1, Await.of(secondHolder.join("none", "nb", second.code().lookup())).getInteger("position"),
        "a ticket goes ahead of a visitor who came after it");
    VisitorClient firstHolder = chatVisitor();
    assertEquals(1, Await.of(firstHolder.join("none", "nb", first.code().lookup())).getInteger("position"));
    assertEquals("served", Await.of(visitor.status(first.code().text())).getString("state"));
    String chatId = Await.of(kari.accept()).getString("chatId");
    Await.of(firstHolder.chat());
    Await.of(kari.chat(chatId));

    clock.set(at(10, 31));
    VisitorClient late = chatVisitor();
    assertEquals("not_found", errorOf(late.join("none", "nb", unused.code().lookup())), "released at 10:30");
    Await.until(() -> "released".equals(Await.of(visitor.status(unused.code().text())).getString("state")),
        "the unused ticket released");
    assertEquals(3L, counters().get("tickets.taken"));
    assertEquals(2L, counters().get("tickets.served"));
    assertEquals(1L, counters().get("tickets.released"));
  }

  @Test
  void aTicketWhoseHolderFindsTheQueueFullIsKeptForTheNextTry() {
    Await.of(visitor.close());
    node.close();
    Await.of(vertx.close());
    start(Map.of("LYTT_LIMITS_QUEUE_LENGTH", "1"));
    counsellor("demo");
    CallbackVisitor.Issued ticket = Await.of(visitor.takeTicket("Jeg venter til dere åpner."));

    clock.set(at(10, 0));
    Await.until(() -> Await.of(node.lytt().store().queueView(0, List.of())).length() == 0, "an empty queue at opening");
    VisitorClient first = chatVisitor();
    Await.of(first.join("none", "nb"));
    VisitorClient holder = chatVisitor();
    assertEquals("queue_full", errorOf(holder.join("none", "nb", ticket.code().lookup())));
    assertEquals("waiting", Await.of(visitor.status(ticket.code().text())).getString("state"), "the ticket is kept");

    Await.of(first.leave());
    assertEquals(1, Await.of(holder.join("none", "nb", ticket.code().lookup())).getInteger("position"));
    assertEquals("served", Await.of(visitor.status(ticket.code().text())).getString("state"));
  }

  /** Restarts the node with the hours set by hand, on the same Tuesday 09:00. */
  private void restartWith(String override) {
    restartWith(Map.of("LYTT_HOURS_OVERRIDE", override));
  }

  /** Restarts the node with these settings added, on the same Tuesday 09:00; clients stay usable. */
  private void restartWith(Map<String, String> extra) {
    Await.of(visitor.close());
    node.close();
    Await.of(vertx.close());
    start(extra);
  }

  @Test
  void closedByHandTheLineStillTakesCallbacksForItsPlannedHours() {
    restartWith("closed");
    CallbackDesk kari = counsellor("demo").callbacks();
    Await.of(visitor.requestCallback("+4791234567", "", tenToEleven(), "none", "nb"));
    assertEquals(1, Await.of(kari.list()).getJsonArray("callbacks").size());
  }

  @Test
  void openedByHandTheLineTakesCallbacksForTheHoursAheadButNotTheNightAfter() {
    restartWith("open");
    CallbackDesk kari = counsellor("demo").callbacks();
    Await.of(visitor.requestCallback("+4791234567", "", List.<Instant[]>of(new Instant[] {at(9, 0), at(9, 45)}),
        "none", "nb"));
    Instant tomorrowNight = TUESDAY.plusDays(1).withHour(3).toInstant();
    assertEquals("bad_frame", errorOf(visitor.requestCallback("+4791234567", "",
        List.<Instant[]>of(new Instant[] {tomorrowNight, tomorrowNight.plusSeconds(3600)}), "none", "nb")));
    assertEquals(1, Await.of(kari.list()).getJsonArray("callbacks").size());
  }
}
