package no.lytt.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import no.lytt.accounts.Device;
import no.lytt.callback.Item;

/**
 * Callbacks and tickets in Redis: data that must survive a restart, so it belongs on the durable
 * side, and every write a visitor relies on is acknowledged by {@link DurableWrites} first.
 *
 * <p>Keys (all under the {@code {lytt}} hash tag, so each script runs on one Cluster shard):
 * <ul>
 *   <li>{@code lytt:{lytt}:item:<id>} — string, the item as json ({@link ItemJson}): windows,
 *       preference, language, state, ciphertext only; expires one {@link #SAFETY_NET} after the
 *       item's own expiry, should no node be running to delete it on time;</li>
 *   <li>{@code lytt:{lytt}:item-lookup:<hash>} — string, the item id, under the SHA-256 of the
 *       lookup value derived from the visitor's code; same expiry;</li>
 *   <li>{@code lytt:{lytt}:items} — sorted set, item id scored by its expiry (ms); the sweep
 *       deletes what is due.</li>
 *   <li>{@code lytt:devices} — set of every registered device id, so the team's keys can be listed
 *       ({@code lytt:device:<id>} holds each).</li>
 * </ul>
 */
final class RedisCallbacks {
  private static final String ITEM = RedisStore.TAG + "item:";
  private static final String LOOKUP = RedisStore.TAG + "item-lookup:";
  private static final String INDEX = RedisStore.TAG + "items";
  static final String DEVICES = "lytt:devices";
  /** Items are deleted by the sweep at their expiry; Redis's own expiry is only the fallback. */
  private static final Duration SAFETY_NET = Duration.ofHours(1);

  private static final Script CREATE = Script.load("create_item", ScriptOutputType.INTEGER);
  private static final Script BY_LOOKUP = Script.load("item_by_lookup", ScriptOutputType.VALUE);
  private static final Script ITEMS = Script.load("items", ScriptOutputType.MULTI);
  private static final Script REPLACE = Script.load("replace_item", ScriptOutputType.INTEGER);
  private static final Script DELETE = Script.load("delete_item", ScriptOutputType.INTEGER);
  private static final Script EXPIRE = Script.load("expire_items", ScriptOutputType.MULTI);

  /** Turns a Lettuce stage into a Future on the caller's context, as the rest of the store does. */
  interface OnContext {
    <T> Future<T> on(CompletionStage<T> stage);
  }

  private final Supplier<RedisClusterAsyncCommands<String, String>> redis;
  private final OnContext context;
  private final DurableWrites durable;
  private final Clock clock;

  RedisCallbacks(Supplier<RedisClusterAsyncCommands<String, String>> redis, OnContext context, Clock clock,
                 boolean cluster) {
    this.redis = redis;
    this.context = context;
    this.clock = clock;
    this.durable = new DurableWrites(redis, cluster);
  }

  /** See {@link no.lytt.store.Store#durabilityProblem()}. */
  Future<java.util.Optional<String>> durabilityProblem() {
    return context.on(durable.problem()).map(java.util.Optional::ofNullable);
  }

  private <T> Future<T> durably(CompletionStage<T> write) {
    return context.on(write.thenCompose(v -> durable.acknowledged().thenApply(ok -> v)));
  }

  private String ttl(Item item) {
    long left = Duration.between(clock.instant(), item.expiresAt()).plus(SAFETY_NET).toMillis();
    return Long.toString(Math.max(1, left));
  }

  private static String[] keys(String... keys) {
    return keys;
  }

  private Optional<Item> live(String json) {
    return Optional.ofNullable(json).map(ItemJson::read).filter(i -> clock.instant().isBefore(i.expiresAt()));
  }

  Future<Boolean> create(Item item) {
    return durably(CREATE.<Long>run(redis.get(), keys(ITEM + item.id(), LOOKUP + item.lookupHash(), INDEX),
        item.id(), ItemJson.write(item), ttl(item), Long.toString(item.expiresAt().toEpochMilli())))
        .map(n -> n == 1L);
  }

  Future<Optional<Item>> item(String id) {
    return context.on(redis.get().get(ITEM + id)).map(this::live);
  }

  Future<Optional<Item>> byLookup(String lookupHash) {
    return context.on(BY_LOOKUP.<String>run(redis.get(), keys(LOOKUP + lookupHash), ITEM)).map(this::live);
  }

  Future<List<Item>> items(Item.Kind kind) {
    return context.on(ITEMS.<List<Object>>run(redis.get(), keys(INDEX), ITEM))
        .map(all -> all.stream().flatMap(o -> live((String) o).stream()).filter(i -> i.kind() == kind)
            .sorted(Comparator.comparing(Item::createdAt).thenComparing(Item::id)).toList());
  }

  Future<Boolean> replace(Item next) {
    return durably(REPLACE.<Long>run(redis.get(), keys(ITEM + next.id()), Long.toString(next.version() - 1),
        ItemJson.write(next), ttl(next))).map(n -> n == 1L);
  }

  Future<Boolean> delete(String id) {
    return durably(DELETE.<Long>run(redis.get(), keys(ITEM + id, INDEX), id, LOOKUP)).map(n -> n == 1L);
  }

  Future<List<Item>> expire(Instant now) {
    return context.on(EXPIRE.<List<Object>>run(redis.get(), keys(INDEX), Long.toString(now.toEpochMilli()), ITEM,
        LOOKUP)).map(all -> all.stream().map(o -> ItemJson.read((String) o)).toList());
  }

  Future<Void> indexDevice(String deviceId) {
    return context.on(redis.get().sadd(DEVICES, deviceId)).mapEmpty();
  }

  Future<List<Device>> devices(Function<String, Future<Optional<Device>>> device) {
    return context.on(redis.get().smembers(DEVICES)).compose(ids -> Future.all(ids.stream().map(device).toList())
        .map(all -> all.<Optional<Device>>list().stream().flatMap(Optional::stream).toList()));
  }
}
