package no.lytt.accounts;

import io.vertx.core.Future;
import java.util.Optional;
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

  public AccountService(Store store, Passwords passwords, LoginThrottle throttle, Sessions sessions) {
    this.store = store;
    this.passwords = passwords;
    this.throttle = throttle;
    this.sessions = sessions;
  }

  /**
   * Checks the credentials and opens a new session; the returned id goes into the cookie. The
   * session the browser came with, if any, is ended: an id is never carried across a log-in, so an
   * id planted in a browser before the counsellor logs in (session fixation) is worth nothing.
   */
  public Future<String> login(String username, String password, String previousSession) {
    return checkPassword(username, password, "Wrong username or password.")
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
    return checkPassword(account.username(), current, "The current password is not right.")
        .compose(verified -> passwords.hash(next.toCharArray()).map(verified::withPassword))
        .compose(changed -> store.saveAccount(changed)
            .compose(v -> sessions.end(sessionId))
            .compose(v -> sessions.open(changed)));
  }

  /**
   * The one way a password is checked for a request: through the throttle, on the hashing pool,
   * against a decoy when the name is unknown or disabled, and counted as a success or a failure.
   * Fails with {@code bad_credentials} ({@code wrong} as its message) or {@code too_many_attempts}.
   */
  private Future<Account> checkPassword(String username, String password, String wrong) {
    return throttle.admit(username)
        .compose(v -> store.account(username))
        .compose(found -> {
          Optional<Account> usable = found.filter(a -> !a.disabled());
          return passwords.verify(password, usable.map(Account::passwordHash))
              .map(ok -> ok ? usable : Optional.<Account>empty());
        })
        .compose(verified -> verified.isEmpty()
            ? throttle.failed().compose(v -> Future.<Account>failedFuture(
                new LyttException(ErrorCode.BAD_CREDENTIALS, wrong)))
            : throttle.succeeded(username).map(verified.get()));
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
