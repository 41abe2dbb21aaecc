package no.lytt.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import no.lytt.accounts.Invitations;

/**
 * The public side of an invitation, used by the {@code /invite} page without a session. The token
 * travels only in POST bodies (the page reads it from the link's fragment), never in a URL a proxy
 * could log.
 */
public final class InvitationApi {
  private final Invitations invitations;

  public InvitationApi(Invitations invitations) {
    this.invitations = invitations;
  }

  /** {@code {"token"}} → {@code {"username","displayName"}}. */
  public void show(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> invitations.invitee(AccountViews.text(b, "token")))
        .onSuccess(a -> ApiErrors.json(ctx, 200, new JsonObject().put("username", a.username())
            .put("displayName", a.displayName())))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code {"token","password"}} → {@code {"secret","otpauth"}} for the authenticator app. */
  public void password(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> invitations.enrol(AccountViews.text(b, "token"), AccountViews.text(b, "password")))
        .map(e -> new JsonObject().put("secret", e.secret()).put("otpauth", e.otpauth()))
        .onSuccess(body -> ApiErrors.json(ctx, 200, body)).onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** {@code {"token","code"}} → 204: the account is ready; log in with the next code. */
  public void confirm(RoutingContext ctx) {
    AuthApi.body(ctx).compose(b -> invitations.confirm(AccountViews.text(b, "token"), AccountViews.text(b, "code")))
        .onSuccess(a -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }
}
