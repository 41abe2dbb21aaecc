package no.lytt.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatOffer;
import no.lytt.relay.ChatState;
import no.lytt.store.DispatchResult;
import no.lytt.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The order in which one node's accepts reach the store. Each press here is a console's accept; the
 * test answers each dispatch by hand, as the store would, so what waits and what goes is visible.
 */
class AcceptGateTest {
  private static final Instant NOW = Instant.parse("2026-11-23T19:00:00Z");
  private final AcceptGate gate = new AcceptGate();
  /** The presses whose dispatch reached the store, in the order they reached it. */
  private final List<String> sent = new ArrayList<>();
  private final Map<String, Promise<DispatchResult>> inStore = new HashMap<>();

  private Future<DispatchResult> press(String console) {
    return gate.pass(Runnable::run, () -> {
      sent.add(console);
      Promise<DispatchResult> answer = Promise.promise();
      inStore.put(console, answer);
      return answer.future();
    });
  }

  private void storeAnswers(String console, DispatchResult result) {
    inStore.get(console).complete(result);
  }

  @Test
  void whileOneAcceptIsInTheStoreTheOthersWaitAndGoOneAtATimeInTheOrderPressed() {
    press("anne");
    press("bo");
    press("cato");
    assertEquals(List.of("anne"), sent);

    storeAnswers("anne", DispatchResult.dispatched(chat("visitor-1"), 2));
    assertEquals(List.of("anne", "bo"), sent, "two still wait: the next goes");
    storeAnswers("bo", DispatchResult.noMatch(1));
    assertEquals(List.of("anne", "bo", "cato"), sent, "bo matches nobody waiting, cato may");
  }

  @Test
  void whenADispatchLeavesNobodyTheAcceptsPressedBeforeItWasSentHearNoMatchWithoutAStoreCall() {
    Future<DispatchResult> anne = press("anne");
    Future<DispatchResult> bo = press("bo");
    Future<DispatchResult> cato = press("cato");
    storeAnswers("anne", DispatchResult.dispatched(chat("visitor-1"), 1));
    Future<DispatchResult> dag = press("dag"); // while bo's dispatch is in the store

    storeAnswers("bo", DispatchResult.dispatched(chat("visitor-2"), 0));

    assertEquals(DispatchResult.Outcome.DISPATCHED, anne.result().outcome());
    assertEquals(DispatchResult.Outcome.DISPATCHED, bo.result().outcome());
    assertEquals(DispatchResult.Outcome.NO_MATCH, cato.result().outcome(),
        "cato pressed before bo's dispatch went, and it left nobody");
    assertEquals(List.of("anne", "bo", "dag"), sent,
        "dag pressed after it went, perhaps for a newcomer, so dag asks the store");
    assertFalse(dag.isComplete());
  }

  @Test
  void acceptsPressedWhileTheFirstIsInTheStoreStillAskTheStoreOnce() {
    press("anne");
    Future<DispatchResult> bo = press("bo");
    Future<DispatchResult> cato = press("cato");

    storeAnswers("anne", DispatchResult.dispatched(chat("visitor-1"), 0));
    assertEquals(List.of("anne", "bo"), sent, "bo and cato were pressed after anne's dispatch went");
    storeAnswers("bo", DispatchResult.noMatch(0));

    assertEquals(List.of("anne", "bo"), sent, "cato was pressed before bo's dispatch went");
    assertEquals(DispatchResult.Outcome.NO_MATCH, bo.result().outcome());
    assertEquals(DispatchResult.Outcome.NO_MATCH, cato.result().outcome());
  }

  @Test
  void aStoreThatFailsDoesNotWedgeTheGate() {
    Future<DispatchResult> anne = press("anne");
    Future<DispatchResult> bo = press("bo");

    inStore.get("anne").fail(new StoreUnavailableException("no answer in time", null));

    assertTrue(anne.failed(), "anne hears the failure");
    assertEquals(List.of("anne", "bo"), sent, "and bo goes");
    storeAnswers("bo", DispatchResult.dispatched(chat("visitor-1"), 0));
    assertEquals(DispatchResult.Outcome.DISPATCHED, bo.result().outcome());
    press("cato");
    assertEquals(List.of("anne", "bo", "cato"), sent, "with nothing in flight, a press goes at once");
  }

  @Test
  void aDispatchThatThrowsDoesNotWedgeTheGate() {
    Future<DispatchResult> broken = gate.pass(Runnable::run, () -> {
      throw new IllegalStateException("broken");
    });
    assertTrue(broken.failed());
    press("anne");
    assertEquals(List.of("anne"), sent);
  }

  @Test
  void aCounsellorsOwnRefusalSaysNothingAboutTheQueueSoTheNextGoes() {
    press("anne");
    press("bo");
    Future<DispatchResult> cato = press("cato");

    storeAnswers("anne", DispatchResult.refused(DispatchResult.Outcome.CAPACITY_REACHED));
    storeAnswers("bo", DispatchResult.refused(DispatchResult.Outcome.ON_BREAK));

    assertEquals(List.of("anne", "bo", "cato"), sent);
    storeAnswers("cato", DispatchResult.dispatched(chat("visitor-1"), 0));
    assertEquals(DispatchResult.Outcome.DISPATCHED, cato.result().outcome());
  }

  @Test
  void aHandOverFoundAfterALostAnswerLeavesTheQueueUnknownSoTheNextGoes() {
    press("anne");
    press("bo");
    press("cato");
    storeAnswers("anne", DispatchResult.dispatched(chat("visitor-1"), 1));

    storeAnswers("bo", DispatchResult.found(chat("visitor-2")));

    assertEquals(List.of("anne", "bo", "cato"), sent);
  }

  private static Chat chat(String visitorId) {
    return new Chat("chat-" + visitorId, new QueueEntry(visitorId, "hash", Preference.NONE, Language.NB, NOW),
        "kari", "device-1", new ChatOffer("pub", "sig", Map.of()), null, ChatState.OFFERED, NOW);
  }
}
