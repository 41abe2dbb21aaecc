package no.lytt;

import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import no.lytt.config.ConfigException;
import no.lytt.config.LyttConfig;
import no.lytt.logging.LogSetup;

/** Starts one Lytt node from the configuration file and LYTT_* environment variables. */
public final class Main {
  static {
    // Before anything touches logging: the manager can be chosen only once per process.
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", "no.lytt.logging.DrainSafeLogManager");
    }
  }

  private static final Logger LOG = System.getLogger("lytt");

  private Main() {
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    if (args.length > 0) {
      System.exit(no.lytt.cli.AccountsCommand.run(args, env, System.in, System.out, System.err));
    }
    LyttConfig config;
    try {
      config = LyttConfig.fromEnvironment(env);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LogSetup.install(config.ops());
    Vertx vertx = Vertx.vertx(Lytt.vertxOptions(config));
    Lytt lytt = new Lytt(vertx, config, Clock.systemUTC(), env.get("LYTT_DEMO_PASSWORD"),
        env.get("LYTT_ADMIN_PASSWORD"));
    lytt.start().onFailure(e -> {
      LOG.log(Level.ERROR, "Lytt could not start: " + e.getMessage(), e);
      vertx.close().onComplete(v -> System.exit(1));
    });
    // SIGTERM (systemd, a container runtime, Process.destroy) drains first: the clients move to
    // another node and resume there, and only then does this node let go of the store.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      CountDownLatch done = new CountDownLatch(1);
      lytt.drain().eventually(lytt::stop).eventually(vertx::close).onComplete(v -> done.countDown());
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lytt-shutdown"));
  }
}
