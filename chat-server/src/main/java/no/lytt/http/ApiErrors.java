package no.lytt.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.store.StoreUnavailableException;

/** The one place where a failure on the HTTP API becomes a status and a JSON body. */
final class ApiErrors {
  private static final Logger LOG = System.getLogger("lytt.http");

  private ApiErrors() {
  }

  static void reply(RoutingContext ctx, Throwable e) {
    if (ctx.response().ended()) {
      return;
    }
    ErrorCode code;
    String message;
    if (e instanceof LyttException le) {
      code = le.code();
      message = le.getMessage();
    } else if (e instanceof StoreUnavailableException) {
      code = ErrorCode.UNAVAILABLE;
      message = "Temporarily unavailable; try again shortly.";
    } else {
      LOG.log(Level.ERROR, "Request to " + ctx.currentRoute().getPath() + " failed", e);
      code = ErrorCode.INTERNAL;
      message = "Something went wrong on our side.";
    }
    json(ctx, code.httpStatus(), new JsonObject().put("code", code.wire()).put("message", message));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
