package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console learns from its welcome how long a visitor may wait before it alerts again. */
@Timeout(30)
class ConsoleReminderTest {

  @Test
  void theWelcomeCarriesTheConfiguredReminder() {
    try (TestServer server = TestServer.start(Map.of("LYTT_QUEUE_REMINDER_SECONDS", "45"));
         RawSocket console = server.consoleSocket(server.login("demo", TestServer.DEMO_PASSWORD))) {
      assertEquals(45, console.next("welcome").getInteger("reminderSeconds"));
    }
  }
}
