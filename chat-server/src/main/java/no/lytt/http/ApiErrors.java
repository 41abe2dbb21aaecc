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
    JsonObject body = new JsonObject();
    if (e instanceof LyttException le) {
      code = le.code();
      message = le.getMessage();
      le.retryAfter().ifPresent(wait -> {
        // Whole seconds, rounded up: a client that waits exactly this long is not refused again.
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        body.put("retryAfterSeconds", seconds);
      });
    } else if (e instanceof StoreUnavailableException) {
      code = ErrorCode.UNAVAILABLE;
      message = "Temporarily unavailable; try again shortly.";
    } else {
      LOG.log(Level.ERROR, "Request to " + ctx.currentRoute().getPath() + " failed", e);
      code = ErrorCode.INTERNAL;
      message = "Something went wrong on our side.";
    }
    json(ctx, code.httpStatus(), new JsonObject().put("code", code.wire()).put("message", message).mergeIn(body));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
