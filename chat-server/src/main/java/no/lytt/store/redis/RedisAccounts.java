package no.lytt.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import no.lytt.accounts.Account;
import no.lytt.accounts.Invitation;

/**
 * Accounts and invitations in the durable Redis: they must survive a restart, and they are the
 * only place a counsellor's access lives.
 *
 * <p>Keys (no hash tag: each is one command on its own, and listing walks the index one key at a
 * time, so they may sit on any Cluster shard):
 * <ul>
 *   <li>{@code lytt:account:<username>} — string, the account as json ({@link StoreJson});</li>
 *   <li>{@code lytt:accounts} — set of every username, so administration can list them. Written
 *       after the account itself and idempotent, so a failure in between is healed by the next
 *       save; a name whose account is gone is skipped when listing;</li>
 *   <li>{@code lytt:invitation:<hash>} — string, an invitation as json under the SHA-256 of its
 *       token (never the token); expires with the invitation.</li>
 * </ul>
 */
final class RedisAccounts {
  private static final String ACCOUNT = "lytt:account:";
  static final String INDEX = "lytt:accounts";
  private static final String INVITATION = "lytt:invitation:";

  private final Supplier<RedisClusterAsyncCommands<String, String>> redis;
  private final RedisCallbacks.OnContext context;
  private final Clock clock;

  RedisAccounts(Supplier<RedisClusterAsyncCommands<String, String>> redis, RedisCallbacks.OnContext context,
                Clock clock) {
    this.redis = redis;
    this.context = context;
    this.clock = clock;
  }

  Future<Optional<Account>> account(String username) {
    return context.on(redis.get().get(ACCOUNT + username)).map(v -> Optional.ofNullable(v).map(StoreJson::account));
  }

  Future<Void> save(Account account) {
    return context.on(redis.get().set(ACCOUNT + account.username(), StoreJson.account(account)))
        .compose(v -> index(account));
  }

  Future<Boolean> create(Account account) {
    return context.on(redis.get().set(ACCOUNT + account.username(), StoreJson.account(account), SetArgs.Builder.nx()))
        .compose(ok -> ok == null ? Future.succeededFuture(false) : index(account).map(true));
  }

  private Future<Void> index(Account account) {
    return context.on(redis.get().sadd(INDEX, account.username())).mapEmpty();
  }

  Future<List<Account>> all() {
    return context.on(redis.get().smembers(INDEX)).compose(names -> Future.all(names.stream().map(this::account).toList())
        .map(found -> found.<Optional<Account>>list().stream().flatMap(Optional::stream).toList()));
  }

  Future<Void> saveInvitation(String tokenHash, Invitation invitation) {
    long ttl = Math.max(1, Duration.between(clock.instant(), invitation.expiresAt()).toMillis());
    return context.on(redis.get().set(INVITATION + tokenHash, StoreJson.invitation(invitation), SetArgs.Builder.px(ttl)))
        .mapEmpty();
  }

  Future<Optional<Invitation>> invitation(String tokenHash) {
    // Redis's expiry is exact enough for a 72-hour link; the clock check makes it exact for tests too.
    return context.on(redis.get().get(INVITATION + tokenHash)).map(v -> Optional.ofNullable(v).map(StoreJson::invitation)
        .filter(i -> clock.instant().isBefore(i.expiresAt())));
  }

  Future<Boolean> deleteInvitation(String tokenHash) {
    return context.on(redis.get().del(INVITATION + tokenHash)).map(n -> n == 1);
  }
}
