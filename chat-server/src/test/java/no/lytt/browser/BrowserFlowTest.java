package no.lytt.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.function.Consumer;
import no.lytt.hours.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import no.lytt.crypto.Argon2id;
import no.lytt.crypto.OrgKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * The browser flows: Playwright scripts in web-client/test/browser drive Debian's Chromium against a
 * real node started here. Each script exits non-zero on any failed check; its output is kept in
 * the test report.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrowserFlowTest {
  private static final Path SCRIPTS = Path.of("..", "web-client", "test", "browser").toAbsolutePath().normalize();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open",
        "LYTT_HTTP_QUICK_EXIT_URL", "about:blank"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void visitorAndCounsellorChatBothWaysWithoutPlaintextOnTheWireAndQuickExitLeavesNothing() throws Exception {
    run("chat.browser.mjs");
  }

  @Test
  void pagesHaveNoCspViolationsFitAPhoneAndNameEveryControl() throws Exception {
    run("a11y-and-csp.browser.mjs");
  }

  @Test
  void aCallbackIsFollowedWithItsCodeAloneThroughRetriesReplyAndCancel() throws Exception {
    run("callbacks.browser.mjs");
  }

  @Test
  void hostileTextIsShownLiterallyAndRunsNothing() throws Exception {
    run("xss.browser.mjs");
  }

  /**
   * Against a node of its own that is closed until the script prints {@code LYTT-OPEN}: then its
   * clock moves to the opening (tomorrow at ten, Oslo), as the hours would by themselves.
   */
  @Test
  void aPlaceHeldWhileClosedIsServedFirstAtOpeningAndItsHolderIsTold() throws Exception {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    ZonedDateTime opening = ZonedDateTime.now(oslo).plusDays(1).withHour(10).withMinute(0).withSecond(0).withNano(0);
    MutableClock clock = new MutableClock(Instant.now(), oslo);
    String day = opening.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    try (TestServer closed = TestServer.start(Map.of("LYTT_HOURS_WEEKLY", day + "=10:00-12:00",
        "LYTT_HOURS_ZONE", "Europe/Oslo", "LYTT_HOURS_HOLIDAYS", "false", "LYTT_HOURS_CHECK_MILLIS", "200",
        "LYTT_SESSION_IDLE_MINUTES", "1440", "LYTT_SESSION_ABSOLUTE_HOURS", "48"), clock)) {
      run("tickets.browser.mjs", closed, line -> {
        if (line.contains("LYTT-OPEN")) {
          clock.set(opening.toInstant());
        }
      });
    }
  }

  /**
   * Against a node of its own whose organisation key is in a passphrase-protected file the script
   * opens in the page, as an administrator would; devices wait for approval there.
   */
  @Test
  void anAdministratorInvitesACounsellorAndCertifiesTheirDeviceWithTheKeyFile(@TempDir Path dir) throws Exception {
    OrgKey org = OrgKey.generate(new SecureRandom());
    Path keyFile = dir.resolve("org.key");
    // Small Argon2id parameters keep the test quick; the format and the code path are the real ones.
    org.save(keyFile, "a passphrase for tests".toCharArray(), new SecureRandom(), new Argon2id(8192, 2, 4));
    try (TestServer node = TestServer.start(Map.of("LYTT_ORG_PUBLIC_KEY", org.publicKeyB64u()))) {
      run("admin.browser.mjs", node, line -> { }, Map.of("LYTT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
          "LYTT_ORG_KEY_FILE", keyFile.toString(), "LYTT_ORG_KEY_PASSPHRASE", "a passphrase for tests"));
    }
  }

  /** Against a node of its own, so the counts the script finds are its own chat's. */
  @Test
  void aFinishedChatIsCountedAsFewerThanFiveInStatisticsAndCsvAndNowShowsWhoIsOnDuty() throws Exception {
    try (TestServer node = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"))) {
      run("statistics.browser.mjs", node, line -> { }, Map.of("LYTT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD));
    }
  }

  @Test
  void listsAnAdministratorKeepsReachTheChatTheWrapUpAndTheVisitorsAnswers() throws Exception {
    run("lists.browser.mjs", server, line -> { }, Map.of("LYTT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD));
  }

  @Test
  void aCounsellorTransfersARunningChatToAColleagueAndTheVisitorTalksOnWithThem() throws Exception {
    run("transfer.browser.mjs");
  }

  /**
   * Against a node of its own whose clock stands still on Monday 21 December 2026 at 18:00 in Oslo,
   * inside its Monday evening, so the preview's Christmas and the line's state do not depend on
   * when the test runs; hours are checked every 200 ms, so pages follow an edit promptly.
   */
  @Test
  void anAdministratorClosesAndReopensTheLineForOpenPagesAndEditsTheHours() throws Exception {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    MutableClock clock = new MutableClock(ZonedDateTime.of(2026, 12, 21, 18, 0, 0, 0, oslo).toInstant(), oslo);
    try (TestServer node = TestServer.start(Map.of("LYTT_HOURS_WEEKLY", "mon=17:00-22:00;fri=17:00-22:00",
        "LYTT_HOURS_ZONE", "Europe/Oslo", "LYTT_HOURS_CHECK_MILLIS", "200",
        "LYTT_SESSION_IDLE_MINUTES", "1440", "LYTT_SESSION_ABSOLUTE_HOURS", "48"), clock)) {
      run("hours.browser.mjs", node, line -> { }, Map.of("LYTT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD));
    }
  }

  /**
   * Against a node of its own, open by hand: the script saves hours that close it for the closed
   * states and opens it by hand again, so the shared node's hours stay as the other flows need them.
   */
  @Test
  void everyStateOfEveryPagePassesAxeAndTheChatWorksByKeyboardAlone() throws Exception {
    try (TestServer node = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open", "LYTT_HOURS_CHECK_MILLIS", "200"))) {
      run("a11y-states.browser.mjs", node, line -> { }, Map.of("LYTT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD));
    }
  }

  /** Bytes and origins only: the time it takes is measured by ops/page-load.mjs, never asserted. */
  @Test
  void theVisitorPagesFirstLoadStaysWithinItsBudgetAndAsksNoOtherOrigin() throws Exception {
    run("first-load.browser.mjs");
  }

  private static void run(String script) throws IOException, InterruptedException {
    run(script, server, line -> { });
  }

  private static void run(String script, TestServer server, Consumer<String> onLine)
      throws IOException, InterruptedException {
    run(script, server, onLine, Map.of());
  }

  private static void run(String script, TestServer server, Consumer<String> onLine, Map<String, String> env)
      throws IOException, InterruptedException {
    Path file = SCRIPTS.resolve(script);
    assertTrue(Files.exists(file), "missing " + file);
    assertTrue(Files.isDirectory(SCRIPTS.resolve("../../node_modules/playwright-core")),
        "playwright-core is not installed: run ops/test.sh (it runs npm ci in web-client)");
    List<String> command = new ArrayList<>(List.of("node", file.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(SCRIPTS.getParent().getParent().toFile())
        .redirectErrorStream(true);
    pb.environment().put("LYTT_BASE_URL", server.origin());
    pb.environment().put("LYTT_DEMO_PASSWORD", TestServer.DEMO_PASSWORD);
    pb.environment().putIfAbsent("LYTT_CHROMIUM", "/usr/bin/chromium");
    pb.environment().putAll(env);
    Process p = pb.start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        onLine.accept(line);
      }
    }
    boolean done = p.waitFor(4, TimeUnit.MINUTES);
    System.out.println(output);
    assertTrue(done, "the browser script did not finish");
    assertEquals(0, p.exitValue(), script + " failed:\n" + output);
  }
}
