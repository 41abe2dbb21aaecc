package no.lytt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.lytt.accounts.Role;
import no.lytt.crypto.OrgKey;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.support.Await;
import no.lytt.support.RedisServer;
import no.lytt.support.TestServer;
import no.lytt.support.TestServer.HttpResult;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A production service starts with no account at all: the first administrator comes from the
 * server jar's {@code accounts add-admin}, with a password from standard input and a second factor
 * whose enrolment link is printed once. Every production log-in then needs a fresh code.
 */
class AccountsCommandTest {
  private static final String PASSWORD = "a long administrator password";
  private RedisServer redis;
  private Map<String, String> env;
  private TestServer node;

  @BeforeEach
  void start() {
    // A production node insists on a durable Redis that keeps its writes on disk.
    redis = RedisServer.launch("--appendonly", "yes", "--appendfsync", "always");
    env = new HashMap<>(Map.of("LYTT_STORE", "redis", "LYTT_REDIS_URI", redis.uri(), "LYTT_MODE", "production",
        "LYTT_ORG_PUBLIC_KEY", OrgKey.generate(new SecureRandom()).publicKeyB64u(),
        "LYTT_ARGON2_MEMORY_KIB", "19456", "LYTT_ARGON2_ITERATIONS", "2", "LYTT_ARGON2_PARALLELISM", "1"));
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    redis.close();
  }

  @Test
  void theFirstAdministratorLogsInWithPasswordAndAFreshCodeOnly() {
    Result added = run(PASSWORD + "\n", "accounts", "add-admin", "ingrid");
    assertEquals(0, added.status(), added.err());
    Matcher m = Pattern.compile("otpauth://totp/Lytt:ingrid\\?secret=([A-Z2-7=]+)&").matcher(added.out());
    assertTrue(m.find(), added.out());
    byte[] secret = Base32.decode(m.group(1));
    node = TestServer.start(env);

    assertEquals("code_required", login("ingrid", PASSWORD, null).json().getString("code"));
    String code = no.lytt.accounts.TotpCodes.now(secret, Instant.now());
    String wrong = code.equals("000000") ? "111111" : "000000";
    assertEquals("bad_credentials", login("ingrid", PASSWORD, wrong).json().getString("code"));
    assertEquals("bad_credentials", login("ingrid", "not the password", code).json().getString("code"));
    HttpResult in = login("ingrid", PASSWORD, code);
    assertEquals(204, in.status(), in.body());
    assertEquals(401, login("ingrid", PASSWORD, code).status(), "a code works once");
  }

  @Test
  void inProductionAnAccountWithoutASecondFactorCannotLogIn() {
    node = TestServer.start(env);
    Await.of(node.lytt().accounts().save("kari", "kari's long password".toCharArray(), "Kari", Gender.WOMAN,
        Set.of(Language.NB), Role.COUNSELLOR));
    HttpResult refused = login("kari", "kari's long password", null);
    assertEquals(403, refused.status());
    assertEquals("no_second_factor", refused.json().getString("code"));
  }

  @Test
  void mistakesAreExplainedAndChangeNothing() {
    assertEquals(2, run("", "accounts", "add-admin", "ingrid").status(), "no password");
    assertEquals(2, run("short\n", "accounts", "add-admin", "ingrid").status(), "weak password");
    assertEquals(2, run(PASSWORD + "\n", "accounts", "add-admin", "Not Valid").status(), "bad username");
    assertEquals(2, run(PASSWORD + "\n", "accounts", "remove", "ingrid").status(), "unknown command");
    env.put("LYTT_STORE", "embedded");
    Result embedded = run(PASSWORD + "\n", "accounts", "add-admin", "ingrid");
    assertEquals(2, embedded.status());
    assertTrue(embedded.err().contains("store = redis"), embedded.err());
    env.put("LYTT_STORE", "redis");

    assertEquals(0, run(PASSWORD + "\n", "accounts", "add-admin", "ingrid").status());
    Result again = run("another long password\n", "accounts", "add-admin", "ingrid");
    assertEquals(1, again.status());
    assertTrue(again.err().contains("exists already"), again.err());
  }

  private HttpResult login(String username, String password, String code) {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    if (code != null) {
      body.put("code", code);
    }
    return node.request(HttpMethod.POST, "/api/login", null, body.encode());
  }

  private record Result(int status, String out, String err) {
  }

  private Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = AccountsCommand.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
