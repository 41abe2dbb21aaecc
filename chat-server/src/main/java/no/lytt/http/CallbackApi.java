package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.lytt.accounts.Device;
import no.lytt.callback.CallbackSchedule;
import no.lytt.callback.CallbackService;
import no.lytt.callback.CodeLookups;
import no.lytt.callback.HourlyAllowance;
import no.lytt.callback.Item;
import no.lytt.callback.NewItem;
import no.lytt.callback.TicketService;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.store.Store;

/**
 * Callbacks and tickets over HTTP (docs/protocol.md, "Callbacks and tickets"). The visitor's side is
 * anonymous and never sees or sends a phone number in the clear; a code is sent only as the lookup
 * value derived from it, and only in a POST body, never in a URL a proxy might log.
 */
public final class CallbackApi {
  private final CallbackService callbacks;
  private final TicketService tickets;
  private final CodeLookups lookups;
  private final HourlyAllowance requests;
  private final Runnable changed;
  private final Store store;
  private final AuthApi auth;
  private final ClientAddresses addresses;
  private final CallbackSchedule schedule;
  private final Clock clock;
  private final int maxAttempts;

  /**
   * @param requests how many callbacks and tickets each source may ask for per hour
   * @param changed  told after every change to a callback or ticket, so consoles refresh their list
   */
  public CallbackApi(CallbackService callbacks, TicketService tickets, CodeLookups lookups, HourlyAllowance requests,
                     Store store, AuthApi auth, ClientAddresses addresses, CallbackSchedule schedule, Clock clock,
                     int maxAttempts, Runnable changed) {
    this.requests = requests;
    this.changed = changed;
    this.callbacks = callbacks;
    this.tickets = tickets;
    this.lookups = lookups;
    this.store = store;
    this.auth = auth;
    this.addresses = addresses;
    this.schedule = schedule;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  /** {@code GET /api/team/keys}: the certificates to seal to; the page verifies each itself. */
  public void teamKeys(RoutingContext ctx) {
    Instant now = clock.instant();
    store.devices().map(all -> new JsonObject().put("certificates", new JsonArray(all.stream()
            .filter(d -> d.servesTeamAt(now))
            .map(d -> new JsonObject(d.certificate())).toList())))
        .onSuccess(body -> ApiErrors.json(ctx, 200, body)).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/callbacks}. */
  public void request(RoutingContext ctx) {
    byte[] source = source(ctx);
    counted(source, () -> AuthApi.body(ctx).compose(b -> callbacks.request(CallbackBodies.newItem(b),
            CallbackBodies.windows(b.getValue("windows")),
            Preference.fromWire(text(b, "preference")).orElseThrow(() -> bad("Field 'preference' must be none, man or woman.")),
            Language.fromCode(text(b, "language")).orElseThrow(() -> bad("Field 'language' must be nb or en.")))))
        .onSuccess(item -> changed.run())
        .onSuccess(item -> ApiErrors.json(ctx, 201, new JsonObject().put("id", item.id())
            .put("expiresAt", item.expiresAt().toEpochMilli())))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/tickets}. */
  public void takeTicket(RoutingContext ctx) {
    byte[] source = source(ctx);
    counted(source, () -> AuthApi.body(ctx).compose(b -> tickets.take(CallbackBodies.newItem(b))))
        .onSuccess(p -> changed.run())
        .onSuccess(p -> ApiErrors.json(ctx, 201, ItemViews.forVisitor(p.ticket(), p.position(), maxAttempts)))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/code/status}. */
  public void status(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> lookups.find(text(b, "lookup"), source(ctx)))
        .compose(item -> item.kind() == Item.Kind.TICKET
            ? tickets.position(item).map(p -> ItemViews.forVisitor(item, p, maxAttempts))
            : Future.succeededFuture(ItemViews.forVisitor(item, 0, maxAttempts)))
        .onSuccess(view -> ApiErrors.json(ctx, 200, view))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/code/cancel}. */
  public void cancel(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> lookups.cancel(text(b, "lookup"), source(ctx)))
        .onSuccess(v -> changed.run())
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/code/withdraw} {@code {"id","lookup"}}, as the request was sent. */
  public void withdraw(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> lookups.withdraw(new NewItem(text(b, "id"), text(b, "lookup"), Map.of())))
        .onSuccess(v -> changed.run())
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code GET /api/console/callbacks?deviceId=…}: callbacks and tickets, sealed copies for that device. */
  public void list(RoutingContext ctx) {
    String raw = ctx.request().getParam("deviceId");
    String deviceId = raw != null && raw.matches("[A-Za-z0-9_-]{22}") ? raw : null;
    auth.account(ctx).compose(a -> Future.all(callbacks.list(), tickets.waiting(),
            deviceId == null ? Future.succeededFuture(java.util.Optional.<Device>empty()) : store.device(deviceId))
        .map(all -> {
          Instant now = clock.instant();
          String mine = all.<java.util.Optional<Device>>resultAt(2)
              .filter(d -> d.username().equals(a.username())).map(Device::deviceId).orElse(null);
          List<Item> waiting = all.resultAt(1);
          JsonArray ticketViews = new JsonArray();
          for (int i = 0; i < waiting.size(); i++) {
            ticketViews.add(ItemViews.ticketForConsole(waiting.get(i), i + 1, mine));
          }
          return new JsonObject().put("now", now.toEpochMilli())
              .put("callbacks", new JsonArray(all.<List<Item>>resultAt(0).stream()
                  .map(c -> ItemViews.callbackForConsole(c, mine, a.username(), schedule, now)).toList()))
              .put("tickets", ticketViews);
        }))
        .onSuccess(body -> ApiErrors.json(ctx, 200, body)).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/console/callbacks/:id/(claim|called|no-answer|done)}. */
  public void act(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    auth.account(ctx).compose(a -> {
      String id = itemId(ctx);
      return switch (action) {
        case "claim" -> callbacks.claim(id, a.username());
        case "called" -> callbacks.called(id, a.username());
        case "no-answer" -> callbacks.noAnswer(id, a.username());
        case "done" -> callbacks.done(id, a.username());
        default -> Future.<Item>failedFuture(new LyttException(ErrorCode.NOT_FOUND, "No such action."));
      };
    }).onSuccess(item -> changed.run()).onSuccess(item -> ApiErrors.json(ctx, 200, new JsonObject().put("id", item.id())
            .put("state", item.state().wire()).put("attempts", item.attempts())))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/console/items/:id/reply} with {@code {"enc","ct"}} sealed to the visitor's code. */
  public void reply(RoutingContext ctx) {
    Future.all(auth.account(ctx), AuthApi.body(ctx)).compose(all -> {
      JsonObject b = all.resultAt(1);
      String enc = text(b, "enc");
      String ct = text(b, "ct");
      if (enc == null || ct == null || !enc.matches("[A-Za-z0-9_-]{43}") || !ct.matches("[A-Za-z0-9_-]{1,11000}")) {
        throw bad("Fields 'enc' and 'ct' must be base64url.");
      }
      return callbacks.reply(itemId(ctx), new Item.Sealed(enc, ct));
    }).onSuccess(v -> changed.run()).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /**
   * Runs a request against the source's allowance for this hour: one is taken first, in one step,
   * and given back if the request is not stored (bad input, a store away).
   */
  private <T> Future<T> counted(byte[] source, java.util.function.Supplier<Future<T>> request) {
    if (!requests.tryTake(source)) {
      return Future.failedFuture(new LyttException(ErrorCode.TOO_MANY_ATTEMPTS,
          "Too many requests from here. Try again later.", requests.retryAfter()));
    }
    return Future.<Void>succeededFuture().compose(v -> request.get())
        .onFailure(e -> requests.giveBack(source));
  }

  /** The item id in the path; it becomes part of a Redis key name, so only what the page makes passes. */
  private static String itemId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !id.matches("[A-Za-z0-9_-]{22}")) {
      throw new LyttException(ErrorCode.NOT_FOUND, "No such item.");
    }
    return id;
  }

  private byte[] source(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    SocketAddress peer = request.remoteAddress();
    return addresses.source(peer == null ? null : peer.hostAddress(), request.headers().getAll("X-Forwarded-For"));
  }

  static String text(JsonObject b, String field) {
    return b.getValue(field) instanceof String s ? s : null;
  }

  static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_FRAME, message);
  }
}
