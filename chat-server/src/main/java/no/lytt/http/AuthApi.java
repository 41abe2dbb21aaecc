package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import no.lytt.accounts.Account;
import no.lytt.accounts.AccountService;
import no.lytt.accounts.Device;
import no.lytt.accounts.DeviceService;
import no.lytt.accounts.Passwords;
import no.lytt.metrics.Counter;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;

/**
 * Console log-in, log-out, password change, "who am I" and device registration. The session cookie
 * is HttpOnly, SameSite=Strict, and {@code __Host-}/Secure behind TLS. Every POST has passed the
 * {@link CrossSiteGuard} before it gets here; bodies must also be JSON.
 */
public final class AuthApi {
  private final AccountService accounts;
  private final DeviceService devices;
  private final String cookieName;
  private final boolean secure;
  private final Consumer<String> closeConsoles;
  private final Counter logins;

  /**
   * @param closeConsoles closes an account's console sockets on every node (4001), when its
   *                      session ends by log-out or all its sessions end by a password change
   */
  public AuthApi(AccountService accounts, DeviceService devices, boolean secure, Consumer<String> closeConsoles,
                 Counter logins) {
    this.logins = logins;
    this.accounts = accounts;
    this.devices = devices;
    this.secure = secure;
    this.cookieName = cookieName(secure);
    this.closeConsoles = closeConsoles;
  }

  public static String cookieName(boolean secure) {
    return secure ? "__Host-lytt_session" : "lytt_session";
  }

  public void login(RoutingContext ctx) {
    body(ctx).compose(b -> {
      String user = b.getValue("username") instanceof String s ? s : "";
      String pass = b.getValue("password") instanceof String s ? s : "";
      if (user.isEmpty() || pass.isEmpty() || user.length() > 64 || pass.length() > Passwords.MAX_LENGTH) {
        throw new LyttException(ErrorCode.BAD_FRAME, "Username and password are required.");
      }
      String code = b.getValue("code") instanceof String s ? s.strip() : "";
      return accounts.login(user, pass, code, session(ctx));
    }).onSuccess(session -> {
      logins.inc("ok");
      setSessionCookie(ctx, session);
      ctx.response().setStatusCode(204).end();
    }).onFailure(e -> {
      countFailedLogin(e);
      ApiErrors.reply(ctx, e);
    });
  }

  private void countFailedLogin(Throwable e) {
    if (e instanceof LyttException le && le.code() == ErrorCode.BAD_CREDENTIALS) {
      logins.inc("failed");
    } else if (e instanceof LyttException le && le.code() == ErrorCode.TOO_MANY_ATTEMPTS) {
      logins.inc("throttled");
    }
  }

  public void logout(RoutingContext ctx) {
    String session = session(ctx);
    accounts.authenticate(session)
        .compose(a -> accounts.logout(session).map(a))
        .onSuccess(a -> {
          a.ifPresent(acc -> closeConsoles.accept(acc.username()));
          ctx.response().addCookie(Cookie.cookie(cookieName, "").setPath("/").setHttpOnly(true)
              .setSecure(secure).setSameSite(CookieSameSite.STRICT).setMaxAge(0));
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /**
   * {@code {"current","new"}}: every session of the account ends and its consoles close; this
   * browser gets a fresh session cookie and stays logged in.
   */
  public void changePassword(RoutingContext ctx) {
    String session = session(ctx);
    Future.all(account(ctx), body(ctx)).compose(all -> {
      Account a = all.resultAt(0);
      JsonObject b = all.resultAt(1);
      String current = b.getValue("current") instanceof String s ? s : "";
      String next = b.getValue("new") instanceof String s ? s : "";
      if (current.isEmpty() || next.isEmpty() || current.length() > Passwords.MAX_LENGTH) {
        throw new LyttException(ErrorCode.BAD_FRAME, "The current and the new password are required.");
      }
      return accounts.changePassword(a, session, current, next).map(fresh -> {
        closeConsoles.accept(a.username());
        return fresh;
      });
    }).onSuccess(fresh -> {
      setSessionCookie(ctx, fresh);
      ctx.response().setStatusCode(204).end();
    }).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  private void setSessionCookie(RoutingContext ctx, String session) {
    ctx.response().addCookie(Cookie.cookie(cookieName, session).setPath("/").setHttpOnly(true)
        .setSecure(secure).setSameSite(CookieSameSite.STRICT));
  }

  public void me(RoutingContext ctx) {
    account(ctx).onSuccess(a -> ApiErrors.json(ctx, 200, new JsonObject()
        .put("username", a.username()).put("displayName", a.displayName())
        .put("gender", a.gender().wire()).put("role", a.role().name().toLowerCase())
        .put("languages", new JsonArray(a.languages().stream().map(l -> l.code()).sorted().toList()))))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  public void registerDevice(RoutingContext ctx) {
    Future.all(account(ctx), body(ctx)).compose(all -> {
      Account a = all.resultAt(0);
      JsonObject b = all.resultAt(1);
      String idPub = b.getValue("idPub") instanceof String s ? s : "";
      String encPub = b.getValue("encPub") instanceof String s ? s : "";
      return devices.register(a, idPub, encPub);
    }).onSuccess(d -> ApiErrors.json(ctx, 200, describe(d)))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  public void device(RoutingContext ctx) {
    account(ctx).compose(a -> devices.get(a, ctx.pathParam("deviceId")))
        .onSuccess(d -> d.ifPresentOrElse(x -> ApiErrors.json(ctx, 200, describe(x)),
            () -> ApiErrors.reply(ctx, new LyttException(ErrorCode.NOT_FOUND, "No such device."))))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  private static JsonObject describe(Device d) {
    return new JsonObject().put("deviceId", d.deviceId()).put("fingerprint", DeviceService.fingerprint(d))
        .put("status", AccountViews.status(d))
        .put("certificate", d.certified() ? new JsonObject(d.certificate()) : null);
  }

  Future<Account> account(RoutingContext ctx) {
    return accounts.authenticate(session(ctx)).map(a -> a.orElseThrow(
        () -> new LyttException(ErrorCode.UNAUTHORIZED, "Please log in.")));
  }

  private String session(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(cookieName);
    return c == null ? null : c.getValue();
  }

  /** The JSON body of a state-changing request (the {@link CrossSiteGuard} has checked where it came from). */
  static Future<JsonObject> body(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_JSON, "Send JSON."));
    }
    try {
      JsonObject b = ctx.body().asJsonObject();
      return b == null ? Future.failedFuture(new LyttException(ErrorCode.BAD_JSON, "Send a JSON object."))
          : Future.succeededFuture(b);
    } catch (RuntimeException e) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_JSON, "Send a JSON object."));
    }
  }
}
