package no.lytt.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/**
 * Logging in and out, and recognising a logged-in console from its cookie. Password hashing runs on
 * a worker thread (Argon2id takes tens of milliseconds by design); the session id is random, shown
 * to the browser once as an HttpOnly cookie and stored only as its hash.
 */
public final class AccountService {
  private final Vertx vertx;
  private final Store store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Ids ids;
  private final Duration idle;
  private final Duration absolute;
  /** Verified against when the username is unknown, so a wrong name costs as much as a wrong password. */
  private final String decoyHash;

  public AccountService(Vertx vertx, Store store, PasswordHasher hasher, Clock clock, Ids ids,
                        Duration idle, Duration absolute) {
    this.vertx = vertx;
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.ids = ids;
    this.idle = idle;
    this.absolute = absolute;
    this.decoyHash = hasher.hash("decoy-password-never-used".toCharArray());
  }

  /** Checks the credentials and opens a session; the returned value goes into the cookie. */
  public Future<String> login(String username, String password) {
    return store.account(username).compose(found -> {
      String hash = found.filter(a -> !a.disabled()).map(Account::passwordHash).orElse(decoyHash);
      return vertx.executeBlocking(() -> hasher.verify(password.toCharArray(), hash), false)
          .map(ok -> ok && found.isPresent() && !found.get().disabled());
    }).compose(ok -> {
      if (!ok) {
        return Future.failedFuture(new LyttException(ErrorCode.BAD_CREDENTIALS, "Wrong username or password."));
      }
      String sessionId = ids.random(32);
      Instant now = clock.instant();
      return store.saveSession(Ids.hash(sessionId), new Session(username, now, now), idle).map(sessionId);
    });
  }

  /** The account behind a session cookie, if the session is alive; each use extends the idle timeout. */
  public Future<Optional<Account>> authenticate(String sessionId) {
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 64) {
      return Future.succeededFuture(Optional.empty());
    }
    String key = Ids.hash(sessionId);
    Instant now = clock.instant();
    return store.session(key).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<Account>empty());
      }
      Session session = found.get();
      if (!now.isBefore(session.createdAt().plus(absolute))) {
        return store.deleteSession(key).map(Optional.<Account>empty());
      }
      return store.saveSession(key, session.touched(now), idle)
          .compose(v -> store.account(session.username()))
          .map(a -> a.filter(x -> !x.disabled()));
    });
  }

  public Future<Void> logout(String sessionId) {
    return sessionId == null ? Future.succeededFuture() : store.deleteSession(Ids.hash(sessionId));
  }

  /** Creates or replaces an account; hashing happens on a worker thread. */
  public Future<Account> save(String username, char[] password, String displayName,
                              no.lytt.queue.Gender gender, java.util.Set<no.lytt.queue.Language> languages,
                              Role role) {
    return vertx.executeBlocking(() -> hasher.hash(password), false)
        .map(hash -> new Account(username, hash, displayName, gender, languages, role, false))
        .compose(a -> store.saveAccount(a).map(a));
  }
}
