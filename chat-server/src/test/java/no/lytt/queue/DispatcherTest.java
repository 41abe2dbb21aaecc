package no.lytt.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.accounts.Role;
import no.lytt.presence.Duty;
import no.lytt.relay.Chat;
import no.lytt.relay.Notifier;
import no.lytt.stats.Stats;
import no.lytt.store.Store;
import no.lytt.store.StoreUnavailableException;
import no.lytt.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

/**
 * A store that does the hand-over but whose answer never arrives (a Redis reply later than the
 * command timeout) must not leave the visitor taken from the queue and never offered.
 */
class DispatcherTest {
  private static final Instant NOW = Instant.parse("2026-11-23T19:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final MemoryStore memory = new MemoryStore(clock);
  private final List<String> offeredTo = new ArrayList<>();
  private final Account kari = new Account("kari", "hash", "Kari", Gender.WOMAN, Set.of(Language.NB),
      Role.COUNSELLOR, false, 0);
  private final Device laptop = new Device("device-1", "kari", "id", "enc", Map.of("v", 1), NOW);

  @Test
  void aHandOverWhoseAnswerWasLostIsFoundAndTheVisitorIsOffered() {
    Dispatcher dispatcher = dispatcherOn(answersLost(memory, true));
    queueVisitorAndGoOnDuty();

    Chat chat = result(dispatcher.accept(kari, laptop, "chat-1", "pub", "sig"));

    assertEquals("visitor-1", chat.visitor().id());
    assertEquals(List.of("visitor-1"), offeredTo);
  }

  @Test
  void aHandOverThatDidNotHappenStillReportsTheStoreUnavailable() {
    Dispatcher dispatcher = dispatcherOn(answersLost(memory, false));
    queueVisitorAndGoOnDuty();

    Future<Chat> accepted = dispatcher.accept(kari, laptop, "chat-1", "pub", "sig");

    assertTrue(accepted.failed());
    assertInstanceOf(StoreUnavailableException.class, accepted.cause());
    assertEquals(1, result(memory.queueView(0, List.of())).length(), "the visitor keeps their place");
    assertTrue(offeredTo.isEmpty());
  }

  private void queueVisitorAndGoOnDuty() {
    result(memory.enqueue(new QueueEntry("visitor-1", "hash-1", Preference.NONE, Language.NB, NOW), 100, 0));
    result(memory.setDuty(new Duty("kari", Duty.Status.ON, 2)));
  }

  private Dispatcher dispatcherOn(Store store) {
    Notifier notifier = new Notifier() {
      @Override
      public void toVisitor(String visitorId, JsonObject frame) {
        offeredTo.add(visitorId);
      }

      @Override
      public void toCounsellor(String username, JsonObject frame) {
      }

      @Override
      public void toAllVisitors(JsonObject frame) {
      }
    };
    return new Dispatcher(store, notifier, new Stats(store, clock, ZoneId.of("Europe/Oslo")), clock);
  }

  /** The real store, except that dispatch answers "unavailable" — after doing it, or without. */
  private static Store answersLost(Store real, boolean doItAnyway) {
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (proxy, method, args) -> {
          if (method.getName().equals("dispatch")) {
            Future<?> done = doItAnyway ? (Future<?>) method.invoke(real, args) : Future.succeededFuture();
            return done.transform(x -> Future.failedFuture(new StoreUnavailableException("no answer in time", null)));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static <T> T result(Future<T> f) {
    assertTrue(f.succeeded(), () -> "failed: " + f.cause());
    return f.result();
  }
}
