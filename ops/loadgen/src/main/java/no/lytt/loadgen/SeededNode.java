package no.lytt.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import no.lytt.Lytt;
import no.lytt.Main;
import no.lytt.accounts.Role;
import no.lytt.config.LyttConfig;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;

/**
 * A Lytt node for benchmarks: {@link Main}'s node plus {@code LYTT_BENCH_COUNSELLORS} counsellor
 * accounts {@code bench1…benchN} with the password {@code LYTT_DEMO_PASSWORD}, because a relay of
 * thousands of chats needs hundreds of counsellors (a console holds at most
 * {@code limits.max-capacity}, at most 20, chats) and the server offers no way to create accounts
 * from outside. It lives in the load generator, not in the server's jar, and refuses to run in
 * production mode, so a real service can never get these accounts.
 *
 * <p>When the accounts exist (on every node sharing one Redis they are ensured, not replaced) it
 * creates the file {@code LYTT_BENCH_READY_FILE}, which the load generator waits for.
 */
public final class SeededNode {
  static {
    // As in Main: the log keeps working while the node stops, so what fails then is seen.
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", "no.lytt.logging.DrainSafeLogManager");
    }
  }

  static final String PASSWORD = "bench-password-not-a-secret";

  private SeededNode() {
  }

  static String username(int index) {
    return "bench" + (index + 1);
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    LyttConfig config = LyttConfig.fromEnvironment(env);
    if (config.mode() != LyttConfig.Mode.DEVELOPMENT) {
      System.err.println("SeededNode creates accounts with a known password: development mode only");
      System.exit(2);
    }
    int counsellors = Integer.parseInt(env.getOrDefault("LYTT_BENCH_COUNSELLORS", "0"));
    String password = env.getOrDefault("LYTT_DEMO_PASSWORD", PASSWORD);
    Path ready = Path.of(env.getOrDefault("LYTT_BENCH_READY_FILE", "lytt-bench.ready"));
    Vertx vertx = Vertx.vertx(Lytt.vertxOptions(config));
    Lytt lytt = new Lytt(vertx, config, Clock.systemUTC(), password);
    lytt.start()
        .compose(v -> Parallel.run(counsellors, 4, i -> lytt.accounts().ensure(username(i),
            password.toCharArray(), "Bench " + (i + 1), Gender.WOMAN, Set.of(Language.NB, Language.EN),
            Role.COUNSELLOR)))
        .onSuccess(v -> touch(ready))
        .onFailure(e -> {
          System.err.println("Bench node could not start: " + e.getMessage());
          vertx.close().onComplete(x -> System.exit(1));
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> await(lytt.stop().eventually(vertx::close)),
        "lytt-shutdown"));
  }

  private static void touch(Path file) {
    try {
      Files.writeString(file, "ready\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void await(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
