package no.lytt.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.lytt.lists.ListEntry;
import no.lytt.lists.ListKind;
import no.lytt.wrapup.WrapUpClaim;

/**
 * Administrators' lists (durable) and the ended-chat markers wrap-ups are checked against
 * (ephemeral).
 *
 * <p>Keys (each command and script touches one key, so they may sit on any Cluster shard):
 * <ul>
 *   <li>{@code lytt:list:<kind>} — durable hash, entry id → entry as json {@code {"id","fields",
 *       "retired","addedAt"}}; entries are never deleted (counters keep their ids), so no expiry;</li>
 *   <li>{@code lytt:ended:<chatId>} — ephemeral string, {@code owner:<username>} until the wrap-up
 *       is saved, then {@code saved}; expires {@code WrapUps.REMEMBERED} after the chat ended.</li>
 * </ul>
 */
final class RedisLists {
  private static final String LIST = "lytt:list:";
  private static final String ENDED = "lytt:ended:";
  private static final String OWNER = "owner:";
  private static final Script REPLACE = Script.load("replace_list_entry", ScriptOutputType.INTEGER);
  private static final Script CLAIM = Script.load("claim_wrapup", ScriptOutputType.INTEGER);

  private final Supplier<RedisClusterAsyncCommands<String, String>> durable;
  private final Supplier<RedisClusterAsyncCommands<String, String>> ephemeral;
  private final RedisCallbacks.OnContext context;

  RedisLists(Supplier<RedisClusterAsyncCommands<String, String>> durable,
             Supplier<RedisClusterAsyncCommands<String, String>> ephemeral, RedisCallbacks.OnContext context) {
    this.durable = durable;
    this.ephemeral = ephemeral;
    this.context = context;
  }

  Future<List<ListEntry>> entries(ListKind kind) {
    return context.on(durable.get().hgetall(LIST + kind.wire())).map(all -> all.values().stream().map(RedisLists::read)
        .sorted(Comparator.comparing(ListEntry::addedAt).thenComparing(ListEntry::id)).toList());
  }

  Future<Boolean> add(ListKind kind, ListEntry entry) {
    return context.on(durable.get().hsetnx(LIST + kind.wire(), entry.id(), write(entry)));
  }

  Future<Boolean> replace(ListKind kind, ListEntry entry) {
    return context.<Long>on(REPLACE.run(durable.get(), new String[] {LIST + kind.wire()}, entry.id(), write(entry)))
        .map(n -> n == 1);
  }

  Future<Void> rememberEnded(String chatId, String counsellor, Duration ttl) {
    return context.on(ephemeral.get().set(ENDED + chatId, OWNER + counsellor, SetArgs.Builder.px(ttl.toMillis())))
        .mapEmpty();
  }

  Future<WrapUpClaim> claim(String chatId, String counsellor) {
    return context.<Long>on(CLAIM.run(ephemeral.get(), new String[] {ENDED + chatId}, OWNER + counsellor))
        .map(n -> switch (n.intValue()) {
          case 1 -> WrapUpClaim.CLAIMED;
          case 2 -> WrapUpClaim.NOT_OWNER;
          case 3 -> WrapUpClaim.ALREADY_SAVED;
          default -> WrapUpClaim.UNKNOWN;
        });
  }

  private static String write(ListEntry e) {
    return new JsonObject().put("id", e.id()).put("fields", new JsonObject(new HashMap<>(e.fields())))
        .put("retired", e.retired()).put("addedAt", e.addedAt().toString()).encode();
  }

  private static ListEntry read(String json) {
    JsonObject o = new JsonObject(json);
    Map<String, String> fields = new HashMap<>();
    o.getJsonObject("fields").forEach(f -> fields.put(f.getKey(), String.valueOf(f.getValue())));
    return new ListEntry(o.getString("id"), fields, o.getBoolean("retired", false), Instant.parse(o.getString("addedAt")));
  }
}
