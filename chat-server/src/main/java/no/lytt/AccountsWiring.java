package no.lytt;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.time.Clock;
import no.lytt.accounts.AccountService;
import no.lytt.accounts.LoginBackoff;
import no.lytt.accounts.LoginThrottle;
import no.lytt.accounts.PasswordHasher;
import no.lytt.accounts.Passwords;
import no.lytt.accounts.Sessions;
import no.lytt.config.LoginConfig;
import no.lytt.config.LyttConfig;
import no.lytt.protocol.Ids;
import no.lytt.store.Store;

/**
 * Accounts as the configuration says (argon2.*, login.*, session.*, mode): one wiring for a node
 * and for the accounts command, so an account made from the command line is hashed and checked
 * exactly as one made on a node.
 */
public record AccountsWiring(Passwords passwords, AccountService accounts) {

  /** @param hashing the pool passwords are hashed on (never an event loop) */
  public static AccountsWiring of(Vertx vertx, LyttConfig config, Store store, Clock clock, SecureRandom random,
                                  WorkerExecutor hashing) {
    PasswordHasher hasher = new PasswordHasher(config.argon2().memoryKib(), config.argon2().iterations(),
        config.argon2().parallelism(), random);
    Passwords passwords = new Passwords(hashing, hasher);
    LoginConfig login = config.login();
    LoginThrottle throttle = new LoginThrottle(vertx, store, clock,
        new LoginBackoff(login.freeAttempts(), login.firstBlock(), login.maxBlock()), login.sprayFailures(),
        login.sprayMaxDelay());
    Sessions sessions = new Sessions(store, clock, new Ids(random), config.session().idle(), config.session().absolute());
    return new AccountsWiring(passwords, new AccountService(store, passwords, throttle, sessions, clock,
        config.mode() != LyttConfig.Mode.DEVELOPMENT));
  }
}
