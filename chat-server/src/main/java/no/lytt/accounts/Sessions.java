package no.lytt.accounts;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import no.lytt.protocol.Ids;
import no.lytt.store.Store;

/**
 * Console sessions: a random id shown to the browser once, as an HttpOnly cookie, and stored only as
 * its hash. A session ends when it has not been used for {@code idle}, {@code absolute} after it was
 * opened however busy, at log-out, or when the account's password changes. The timeouts are checked
 * against this node's clock on every use, not only left to the store's expiry, so they hold exactly
 * (and tests can move time).
 */
public final class Sessions {
  /** Longest cookie value looked up at all; ours are 43 characters. */
  private static final int MAX_ID_LENGTH = 64;

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final Duration idle;
  private final Duration absolute;

  public Sessions(Store store, Clock clock, Ids ids, Duration idle, Duration absolute) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** Opens a fresh session for {@code account}; the returned id goes into the cookie. */
  public Future<String> open(Account account) {
    String id = ids.random(32);
    Instant now = clock.instant();
    Session session = new Session(account.username(), now, now, account.generation());
    return store.saveSession(Ids.hash(id), session, ttl(session, now)).map(id);
  }

  /** The account behind a session id, if the session is alive; each use restarts the idle timeout. */
  public Future<Optional<Account>> authenticate(String id) {
    if (!plausible(id)) {
      return Future.succeededFuture(Optional.empty());
    }
    String key = Ids.hash(id);
    Instant now = clock.instant();
    return store.session(key).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<Account>empty());
      }
      Session session = found.get();
      if (!now.isBefore(session.lastSeen().plus(idle)) || !now.isBefore(session.createdAt().plus(absolute))) {
        return store.deleteSession(key).map(Optional.<Account>empty());
      }
      return store.account(session.username()).compose(account -> {
        Optional<Account> live = account.filter(a -> !a.disabled() && a.generation() == session.generation());
        if (live.isEmpty()) {
          return store.deleteSession(key).map(live);
        }
        Session touched = session.touched(now);
        return store.saveSession(key, touched, ttl(touched, now)).map(live);
      });
    });
  }

  /** Whether the session is alive, without counting this as use (an open socket is not activity). */
  public Future<Boolean> alive(String id) {
    if (!plausible(id)) {
      return Future.succeededFuture(false);
    }
    Instant now = clock.instant();
    return store.session(Ids.hash(id)).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      Session session = found.get();
      if (!now.isBefore(session.lastSeen().plus(idle)) || !now.isBefore(session.createdAt().plus(absolute))) {
        return Future.succeededFuture(false);
      }
      return store.account(session.username())
          .map(account -> account.filter(a -> !a.disabled() && a.generation() == session.generation()).isPresent());
    });
  }

  /** Ends the session, if there is one; an unknown or malformed id is nothing to end. */
  public Future<Void> end(String id) {
    return plausible(id) ? store.deleteSession(Ids.hash(id)) : Future.succeededFuture();
  }

  /** The store forgets the session when it would end anyway: at the idle or the absolute limit. */
  private Duration ttl(Session session, Instant now) {
    Duration untilAbsolute = Duration.between(now, session.createdAt().plus(absolute));
    return untilAbsolute.compareTo(idle) < 0 ? untilAbsolute : idle;
  }

  private static boolean plausible(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH;
  }
}
