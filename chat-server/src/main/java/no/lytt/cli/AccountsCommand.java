package no.lytt.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import no.lytt.AccountsWiring;
import no.lytt.accounts.AccountService;
import no.lytt.accounts.Passwords;
import no.lytt.accounts.Role;
import no.lytt.accounts.Totp;
import no.lytt.config.ConfigException;
import no.lytt.config.LyttConfig;
import no.lytt.config.StoreConfig;
import no.lytt.protocol.Ids;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.store.redis.RedisClients;
import no.lytt.store.redis.RedisConnector;
import no.lytt.store.redis.RedisStore;

/**
 * {@code java -jar lytt-chat-server.jar accounts add-admin <username>}: the first administrator
 * of a production service, which has no other way in. Reads the password from standard input (one
 * line, so it never appears in the process list or the shell history), stores the account in the
 * configured Redis with the same configuration a node reads, and prints the second factor's
 * enrolment link once: it is not shown again.
 */
public final class AccountsCommand {
  static final String USAGE = "Usage: accounts add-admin <username>   (password on standard input; "
      + "needs the node's configuration, with store = redis)";

  private AccountsCommand() {
  }

  /** Runs the command; returns the process exit status. */
  public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    if (args.length != 3 || !"accounts".equals(args[0]) || !"add-admin".equals(args[1])) {
      err.println(USAGE);
      return 2;
    }
    String username = args[2];
    if (!username.matches("[a-z][a-z0-9._-]{1,31}")) {
      err.println("A username is 2 to 32 lowercase letters, digits, '.', '_' or '-', starting with a letter.");
      return 2;
    }
    LyttConfig config;
    try {
      config = LyttConfig.fromEnvironment(env);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (config.store().kind() != StoreConfig.Kind.REDIS) {
      err.println("Accounts live in the store the nodes share: set store = redis (LYTT_STORE=redis, LYTT_REDIS_URI, "
          + "LYTT_REDIS_DURABLE_URI) as for the nodes. The embedded store exists only inside one running node.");
      return 2;
    }
    Optional<String> password = readPassword(in);
    Optional<String> weakness = password.isEmpty() ? Optional.of("No password on standard input.")
        : Passwords.weakness(password.get(), "");
    if (weakness.isPresent()) {
      err.println(weakness.get());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      String secret = addAdmin(vertx, config, username, password.get().toCharArray())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      out.println("Administrator " + username + " is ready. Add this to an authenticator app now; it is not shown again:");
      out.println("  " + Totp.enrolmentUri("Lytt", username, secret));
      out.println("  (secret " + secret + ")");
      return 0;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println("Could not add the administrator: " + cause.getMessage());
      return 1;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static Future<String> addAdmin(Vertx vertx, LyttConfig config, String username, char[] password) {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    StoreConfig sc = config.store();
    return vertx.executeBlocking(() -> {
      RedisConnector ephemeral = RedisConnector.connect(sc.ephemeral(), sc.timeoutMillis(), false);
      RedisConnector durable = sc.separateDurable() ? RedisConnector.connect(sc.durable(), sc.timeoutMillis(), false)
          : ephemeral;
      return new RedisStore(vertx, ephemeral, durable, clock, RedisClients.newNodeId(new Ids(random)),
          Duration.ofMinutes(1), Duration.ofSeconds(5));
    }, false).compose(store -> {
      WorkerExecutor hashing = vertx.createSharedWorkerExecutor("lytt-password-hashing", 1);
      AccountService accounts = AccountsWiring.of(vertx, config, store, clock, random, hashing).accounts();
      return store.account(username)
          .compose(existing -> existing.isPresent()
              ? Future.<String>failedFuture(new IllegalStateException("an account named " + username + " exists already"))
              : accounts.save(username, password, username, Gender.UNSPECIFIED, Set.of(Language.NB, Language.EN),
                  Role.ADMIN).compose(a -> accounts.enrolSecondFactor(username, random)))
          .eventually(() -> store.close());
    });
  }

  private static Optional<String> readPassword(InputStream in) {
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      return Optional.ofNullable(line).filter(l -> !l.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
