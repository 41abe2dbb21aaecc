package no.lytt.accounts;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.store.Store;

/**
 * Logging in and out, changing a password, and recognising a logged-in console from its cookie.
 * Every password check passes the {@link LoginThrottle} first and runs on the hashing pool
 * ({@link Passwords}); sessions are {@link Sessions}.
 */
public final class AccountService {
  private final Store store;
  private final Passwords passwords;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final Clock clock;
  private final boolean secondFactorRequired;

  /**
   * @param secondFactorRequired whether an account without an enrolled second factor is refused;
   *                             only development mode lets such accounts (the demo ones) in
   */
  public AccountService(Store store, Passwords passwords, LoginThrottle throttle, Sessions sessions, Clock clock,
                        boolean secondFactorRequired) {
    this.store = store;
    this.passwords = passwords;
    this.throttle = throttle;
    this.sessions = sessions;
    this.clock = clock;
    this.secondFactorRequired = secondFactorRequired;
  }

  /**
   * Checks the credentials and opens a new session; the returned id goes into the cookie. The
   * session the browser came with, if any, is ended: an id is never carried across a log-in, so an
   * id planted in a browser before the counsellor logs in (session fixation) is worth nothing.
   */
  public Future<String> login(String username, String password, String code, String previousSession) {
    return checkCredentials(username, password, Optional.ofNullable(code).orElse(""), "Wrong username or password.")
        .compose(account -> sessions.end(previousSession).compose(v -> sessions.open(account)));
  }

  /**
   * Replaces the password of a logged-in account, after checking the current one (throttled like a
   * log-in, so a borrowed session cannot be used to guess it). Every session of the account ends,
   * on every node, and a fresh one is returned for the browser that made the change; the caller
   * closes the account's console sockets.
   */
  public Future<String> changePassword(Account account, String sessionId, String current, String next) {
    Optional<String> weakness = Passwords.weakness(next, current);
    if (weakness.isPresent()) {
      return Future.failedFuture(new LyttException(ErrorCode.WEAK_PASSWORD, weakness.get()));
    }
    return checkCredentials(account.username(), current, null, "The current password is not right.")
        .compose(verified -> passwords.hash(next.toCharArray()).map(verified::withPassword))
        .compose(changed -> store.saveAccount(changed)
            .compose(v -> sessions.end(sessionId))
            .compose(v -> sessions.open(changed)));
  }

  /**
   * The one way credentials are checked for a request: through the throttle, the password on the
   * hashing pool against a decoy when the name is unknown or disabled, then at log-in the second
   * factor; counted as a success or a failure. Fails with {@code bad_credentials} ({@code wrong} as
   * its message), {@code too_many_attempts}, {@code code_required} (the password was right; the
   * attempt stays counted) or {@code no_second_factor}.
   *
   * @param code the one-time code typed at log-in ("" when none), or null where no second factor
   *             is asked (the password change of a logged-in account)
   */
  private Future<Account> checkCredentials(String username, String password, String code, String wrong) {
    return throttle.admit(username)
        .compose(v -> store.account(username))
        .compose(found -> {
          Optional<Account> usable = found.filter(a -> !a.disabled());
          return passwords.verify(password, usable.map(Account::passwordHash))
              .map(ok -> ok ? usable : Optional.<Account>empty());
        })
        .compose(verified -> verified.isEmpty() ? Future.failedFuture(new LyttException(ErrorCode.BAD_CREDENTIALS, wrong))
            : code == null ? Future.succeededFuture(verified.get()) : secondFactor(verified.get(), code))
        .compose(account -> throttle.succeeded(username).map(account), e -> e instanceof LyttException l
            && l.code() == ErrorCode.BAD_CREDENTIALS ? throttle.failed().compose(v -> Future.failedFuture(e))
            : Future.failedFuture(e));
  }

  private Future<Account> secondFactor(Account account, String code) {
    if (!account.hasSecondFactor()) {
      return secondFactorRequired
          ? Future.failedFuture(new LyttException(ErrorCode.NO_SECOND_FACTOR,
              "This account has no second factor yet. Ask an administrator for a new invitation."))
          : Future.succeededFuture(account);
    }
    if (code.isEmpty()) {
      return Future.failedFuture(new LyttException(ErrorCode.CODE_REQUIRED,
          "Enter the six-digit code from your authenticator app."));
    }
    OptionalLong step = Totp.verify(account.totpSecret(), code, clock.instant(), account.totpStep());
    if (step.isEmpty()) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_CREDENTIALS, "Wrong username, password or code."));
    }
    Account used = account.withCodeUsed(step.getAsLong());
    return store.saveAccount(used).map(used);
  }

  /**
   * Enrols a second factor for an account and returns its new secret, shown once. Replaces any
   * earlier one; the account's sessions stay as they are.
   */
  public Future<String> enrolSecondFactor(String username, java.security.SecureRandom random) {
    String secret = Totp.newSecret(random);
    return store.account(username).compose(found -> found
        .map(a -> store.saveAccount(a.withSecondFactor(secret)).map(secret))
        .orElseGet(() -> Future.failedFuture(new LyttException(ErrorCode.NOT_FOUND, "No such account."))));
  }

  /** The account behind a session cookie, if the session is alive; each use extends the idle timeout. */
  public Future<Optional<Account>> authenticate(String sessionId) {
    return sessions.authenticate(sessionId);
  }

  /** Whether a session is alive; not a use of it. */
  public Future<Boolean> alive(String sessionId) {
    return sessions.alive(sessionId);
  }

  public Future<Void> logout(String sessionId) {
    return sessions.end(sessionId);
  }

  /**
   * Creates an account or replaces one, password included; hashing happens on the hashing pool.
   * Replacing starts a new generation, so the account's existing sessions end.
   */
  public Future<Account> save(String username, char[] password, String displayName, Gender gender,
                              Set<Language> languages, Role role) {
    return Future.all(passwords.hash(password), store.account(username)).compose(all -> {
      String hash = all.resultAt(0);
      Optional<Account> existing = all.resultAt(1);
      Account account = new Account(username, hash, displayName, gender, languages, role, false,
          existing.map(a -> a.generation() + 1).orElse(0L));
      return store.saveAccount(account).map(account);
    });
  }

  /**
   * Like {@link #save}, but an existing account that already has this password is left as it is,
   * sessions included: a development node starting with a fixed demo password does not log the
   * demo counsellor out on the nodes already running.
   */
  public Future<Account> ensure(String username, char[] password, String displayName, Gender gender,
                                Set<Language> languages, Role role) {
    return store.account(username).compose(existing -> existing.isEmpty()
        ? Future.succeededFuture(false)
        : passwords.verify(new String(password), existing.map(Account::passwordHash)))
        .compose(same -> same ? store.account(username).map(Optional::orElseThrow)
            : save(username, password, displayName, gender, languages, role));
  }
}
