package no.lytt.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;

/**
 * Refuses a state-changing API request that does not come from one of Lytt's own pages, before its
 * body is read. Two independent checks, either of which stops cross-site request forgery alone:
 *
 * <ul>
 *   <li>{@code Origin} must be in the allow-list ({@code http.allowed-origins}). Browsers send it on
 *       every POST, and another site cannot choose its value; a request without one is refused.
 *   <li>{@value #HEADER}{@code : 1} must be present. A form or an image on another site cannot add
 *       a header at all, and a script on another site can only with a CORS preflight, which Lytt
 *       never answers; so this holds even for a browser that would omit or mis-report Origin.
 * </ul>
 *
 * The SameSite=Strict session cookie is a third layer: another site's requests do not carry it.
 */
final class CrossSiteGuard implements Handler<RoutingContext> {
  static final String HEADER = "X-Lytt-Request";
  private final Origins origins;

  CrossSiteGuard(Origins origins) {
    this.origins = origins;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (origins.allows(ctx.request().getHeader("Origin")) && "1".equals(ctx.request().getHeader(HEADER))) {
      ctx.next();
    } else {
      ApiErrors.reply(ctx, new LyttException(ErrorCode.FORBIDDEN, "Requests must come from Lytt's own pages."));
    }
  }
}
