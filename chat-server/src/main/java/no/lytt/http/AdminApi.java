package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Consumer;
import no.lytt.accounts.Account;
import no.lytt.accounts.AccountAdmin;
import no.lytt.accounts.DeviceAdmin;
import no.lytt.accounts.Role;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;

/**
 * {@code /api/admin/...}: accounts and console devices, for administrators only. Every route first
 * needs a live session ({@code 401 unauthorized}) of an account with the administrator role
 * ({@code 403 forbidden}); the role is read from the store on every request, so a demotion takes
 * effect at the next click. POSTs have passed the {@link CrossSiteGuard} before they get here.
 */
public final class AdminApi {
  private final AuthApi auth;
  private final AccountAdmin accounts;
  private final DeviceAdmin devices;
  private final Consumer<String> closeConsoles;
  private final String origin;

  /**
   * @param closeConsoles closes an account's console sockets on every node, when it is disabled or
   *                      reset, or one of its devices is revoked
   * @param origin        the public origin invitation links start with
   */
  public AdminApi(AuthApi auth, AccountAdmin accounts, DeviceAdmin devices, Consumer<String> closeConsoles,
                  String origin) {
    this.auth = auth;
    this.accounts = accounts;
    this.devices = devices;
    this.closeConsoles = closeConsoles;
    this.origin = origin;
  }

  /** Runs on every admin route before its handler. */
  public void requireAdmin(RoutingContext ctx) {
    auth.account(ctx).onSuccess(a -> {
      if (a.role() == Role.ADMIN) {
        ctx.put("admin", a);
        ctx.next();
      } else {
        ApiErrors.reply(ctx, new LyttException(ErrorCode.FORBIDDEN, "Only administrators may do this."));
      }
    }).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  public void listAccounts(RoutingContext ctx) {
    accounts.list().map(all -> new JsonObject().put("accounts", new JsonArray(all.stream().map(AccountViews::account).toList())))
        .onSuccess(body -> ApiErrors.json(ctx, 200, body)).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code {"username","displayName","gender","languages","role"}} → 201 with the invitation link. */
  public void createAccount(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> accounts.invite(AccountViews.text(b, "username"), AccountViews.text(b, "displayName"),
            AccountViews.gender(b), AccountViews.languages(b), AccountViews.role(b)))
        .onSuccess(i -> ApiErrors.json(ctx, 201, AccountViews.invitation(i, origin)))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code POST /api/admin/accounts/:username/(disable|enable|reset|edit)}. */
  public void changeAccount(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    Future<JsonObject> answer = switch (ctx.pathParam("action")) {
      case "disable" -> accounts.setDisabled(username, true).map(this::closedConsoles);
      case "enable" -> accounts.setDisabled(username, false).map(AccountViews::account);
      case "reset" -> accounts.reset(username).map(i -> {
        closeConsoles.accept(username);
        return AccountViews.invitation(i, origin);
      });
      case "edit" -> AuthApi.body(ctx).compose(b -> accounts.edit(username, AccountViews.text(b, "displayName"),
          AccountViews.gender(b), AccountViews.languages(b), AccountViews.role(b))).map(AccountViews::account);
      default -> Future.failedFuture(new LyttException(ErrorCode.NOT_FOUND, "No such action."));
    };
    answer.onSuccess(body -> ApiErrors.json(ctx, 200, body)).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  private JsonObject closedConsoles(Account a) {
    closeConsoles.accept(a.username());
    return AccountViews.account(a);
  }

  public void listDevices(RoutingContext ctx) {
    devices.list().map(all -> new JsonObject().put("devices", new JsonArray(all.stream().map(AccountViews::device).toList())))
        .onSuccess(body -> ApiErrors.json(ctx, 200, body)).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code {"certificate":{…}}}, made and signed in the administrator's browser. */
  public void certifyDevice(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> {
      if (!(b.getValue("certificate") instanceof JsonObject cert)) {
        throw AccountViews.bad("Field 'certificate' must be an object.");
      }
      Map<String, Object> fields = cert.getMap();
      return devices.certify(ctx.pathParam("deviceId"), fields);
    }).onSuccess(d -> ApiErrors.json(ctx, 200, AccountViews.device(d))).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /**
   * The device's consoles close at once: closing all of its owner's is what the nodes can address,
   * and the owner's other devices simply reconnect.
   */
  public void revokeDevice(RoutingContext ctx) {
    devices.revoke(ctx.pathParam("deviceId")).onSuccess(d -> {
      closeConsoles.accept(d.username());
      ApiErrors.json(ctx, 200, AccountViews.device(d));
    }).onFailure(e -> ApiErrors.reply(ctx, e));
  }
}
