package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import no.lytt.lists.ListEntry;
import no.lytt.lists.ListKind;
import no.lytt.lists.Lists;
import no.lytt.lists.Slugs;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.wrapup.Plissit;
import no.lytt.wrapup.WrapUp;
import no.lytt.wrapup.WrapUps;

/**
 * The administrators' lists over HTTP (docs/protocol.md, "Lists and wrap-up"): managed under
 * {@code /api/admin/lists} (behind {@link AdminApi#requireAdmin}), read by consoles without retired
 * entries, and the sources alone for the visitor's page. Also the console's wrap-up.
 */
public final class ListsApi {
  private final AuthApi auth;
  private final Lists lists;
  private final WrapUps wrapUps;

  public ListsApi(AuthApi auth, Lists lists, WrapUps wrapUps) {
    this.auth = auth;
    this.lists = lists;
    this.wrapUps = wrapUps;
  }

  /** Registered after the admin guard, so every {@code /api/admin/lists} route is for administrators. */
  public void routes(Router router) {
    router.get("/api/admin/lists").handler(ctx -> answer(ctx, 200, lists.all().map(ListsApi::view)));
    router.post("/api/admin/lists/:kind").handler(this::add);
    router.post("/api/admin/lists/:kind/:id/:action").handler(this::change);
    router.get("/api/console/lists").handler(ctx -> answer(ctx, 200,
        auth.account(ctx).compose(a -> lists.choices()).map(ListsApi::view)));
    router.post("/api/console/wrapup").handler(this::wrapUp);
    router.get("/api/sources").handler(ctx -> answer(ctx, 200, lists.choices(ListKind.SOURCES)
        .map(sources -> new JsonObject().put("sources", entries(sources)))));
  }

  private void add(RoutingContext ctx) {
    answer(ctx, 201, AuthApi.body(ctx).compose(b -> lists.add(kind(ctx), b.getMap())).map(ListsApi::entry));
  }

  /** {@code edit} (body: the fields), {@code retire} or {@code restore}. */
  private void change(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Future<ListEntry> changed = Future.succeededFuture(ctx).compose(c -> switch (c.pathParam("action")) {
      case "edit" -> AuthApi.body(c).compose(b -> lists.edit(kind(c), id, b.getMap()));
      case "retire" -> lists.setRetired(kind(c), id, true);
      case "restore" -> lists.setRetired(kind(c), id, false);
      default -> Future.failedFuture(new LyttException(ErrorCode.NOT_FOUND, "No such action."));
    });
    answer(ctx, 200, changed.map(ListsApi::entry));
  }

  /** {@code {"chatId","category","plissit","referral","source"}} → 204, once per ended chat. */
  private void wrapUp(RoutingContext ctx) {
    Future<Void> saved = Future.all(auth.account(ctx), AuthApi.body(ctx)).compose(all -> {
      JsonObject b = all.resultAt(1);
      WrapUp w = new WrapUp(text(b, "chatId", 64), slug(b, "category"),
          Plissit.fromWire(text(b, "plissit", 40)).orElseThrow(() -> bad("Field 'plissit' must be a PLISSIT level.")),
          slug(b, "referral"), slug(b, "source"));
      return wrapUps.save(all.<no.lytt.accounts.Account>resultAt(0).username(), w);
    });
    saved.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  private static ListKind kind(RoutingContext ctx) {
    return ListKind.fromWire(ctx.pathParam("kind")).orElseThrow(
        () -> new LyttException(ErrorCode.NOT_FOUND, "No such list."));
  }

  private static void answer(RoutingContext ctx, int status, Future<JsonObject> body) {
    body.onSuccess(b -> ApiErrors.json(ctx, status, b)).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  private static JsonObject view(Map<ListKind, List<ListEntry>> all) {
    JsonObject out = new JsonObject();
    for (ListKind kind : ListKind.values()) {
      out.put(kind.wire(), entries(all.getOrDefault(kind, List.of())));
    }
    return out;
  }

  private static JsonArray entries(List<ListEntry> entries) {
    return new JsonArray(entries.stream().map(ListsApi::entry).toList());
  }

  private static JsonObject entry(ListEntry e) {
    JsonObject o = new JsonObject().put("id", e.id());
    e.fields().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(f -> o.put(f.getKey(), f.getValue()));
    return o.put("retired", e.retired());
  }

  private static String text(JsonObject b, String field, int max) {
    String v = b.getValue(field) instanceof String s ? s : "";
    if (v.isEmpty() || v.length() > max) {
      throw bad("Field '" + field + "' is required.");
    }
    return v;
  }

  private static String slug(JsonObject b, String field) {
    String v = b.getValue(field) instanceof String s ? s : "";
    if (!Slugs.valid(v)) {
      throw bad("Field '" + field + "' must be an id from the lists.");
    }
    return v;
  }

  private static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_FRAME, message);
  }
}
