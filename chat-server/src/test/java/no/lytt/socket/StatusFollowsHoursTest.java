package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import no.lytt.hours.MutableClock;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An open visitor page follows the opening hours by itself: when the line opens or closes, every
 * connected visitor gets a {@code status} frame on the socket they already have, and can join as
 * soon as it says open. The test moves the server's clock across the boundaries instead of waiting
 * for them; the server checks the hours every {@code hours.check-millis}, set short here.
 */
@Timeout(60)
class StatusFollowsHoursTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** Tuesday 24 November 2026; the line is open 10:00-12:00 on Tuesdays and Wednesdays. */
  private static final ZonedDateTime TUESDAY = ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, OSLO);
  private MutableClock clock;
  private TestServer server;

  @BeforeEach
  void start() {
    clock = new MutableClock(TUESDAY.withHour(9).withMinute(59).toInstant(), OSLO);
    server = TestServer.start(Map.of("LYTT_HOURS_WEEKLY", "tue=10:00-12:00;wed=10:00-12:00",
        "LYTT_HOURS_ZONE", "Europe/Oslo", "LYTT_HOURS_HOLIDAYS", "false", "LYTT_HOURS_CHECK_MILLIS", "50"), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void connectedVisitorsAreToldWhenTheLineOpensAndClosesWithoutReconnecting() {
    try (RawSocket looking = server.visitorSocket(); RawSocket waiting = server.visitorSocket()) {
      JsonObject before = looking.next("welcome").getJsonObject("status");
      assertEquals(false, before.getBoolean("open"));
      assertEquals(TUESDAY.withHour(10).toOffsetDateTime(), OffsetDateTime.parse(before.getString("nextOpening")));
      waiting.next("welcome");
      waiting.send(join());
      assertEquals("closed", waiting.nextError().getString("code"), "nobody can join before opening");

      clock.set(TUESDAY.withHour(10).toInstant());
      assertEquals(true, looking.next("status").getJsonObject("status").getBoolean("open"));
      assertEquals(true, waiting.next("status").getJsonObject("status").getBoolean("open"));
      waiting.send(join());
      assertEquals(1, waiting.next("joined").getInteger("position"), "the same page can join at once");
      waiting.send(new JsonObject().put("type", "leave"));
      waiting.next("left");

      clock.set(TUESDAY.withHour(12).toInstant());
      for (RawSocket visitor : new RawSocket[] {looking, waiting}) {
        JsonObject after = visitor.next("status").getJsonObject("status");
        assertEquals(false, after.getBoolean("open"));
        assertEquals(TUESDAY.plusDays(1).withHour(10).toOffsetDateTime(),
            OffsetDateTime.parse(after.getString("nextOpening")), "the page says it opens tomorrow at ten");
        assertFalse(visitor.isClosed(), "the socket the page already had");
        assertEquals(1, visitor.received().stream().filter(f -> "welcome".equals(f.getString("type"))).count(),
            "no reconnect: one welcome only");
      }
      waiting.send(join());
      assertEquals("closed", waiting.nextError().getString("code"), "and nobody can join after closing");
    }
  }

  private static JsonObject join() {
    return new JsonObject().put("type", "join").put("preference", "none").put("language", "nb");
  }
}
