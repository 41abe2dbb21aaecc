package no.lytt.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Strict headers on every response — pages, API answers, static files, refusals: pages load
 * nothing from other origins and run no inline script, nothing is cached (a shared computer must
 * not keep a visitor's page or a counsellor's data), no referrer leaves the site, no browser feature
 * a chat does not need can be switched on, and only the configured sites may frame the pages.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  /**
   * Every powerful feature off, for this page and anything it could embed: a chat needs none of
   * them, and a script that got in anyway (see {@link Subresources}) cannot turn on a camera or
   * microphone or read a location. {@code interest-cohort} and {@code browsing-topics} also opt the
   * pages out of the browser's ad-interest profiling, which would otherwise note that this
   * browser visited a counselling service. The clipboard is left alone on purpose:
   * copying a ticket token is a feature.
   */
  static final String PERMISSIONS_POLICY = String.join(", ",
      "accelerometer=()", "autoplay=()", "bluetooth=()", "browsing-topics=()", "camera=()", "display-capture=()",
      "encrypted-media=()", "fullscreen=()", "geolocation=()", "gyroscope=()", "hid=()", "idle-detection=()",
      "interest-cohort=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()", "picture-in-picture=()",
      "publickey-credentials-get=()", "screen-wake-lock=()", "serial=()", "usb=()", "xr-spatial-tracking=()");
  private final String csp;
  private final String cspWithWebAssembly;
  private final boolean behindTls;

  /**
   * @param frameAncestors origins allowed to frame the pages ({@code http.frame-ancestors});
   *     empty means none at all
   */
  public SecurityHeaders(boolean behindTls, List<String> frameAncestors) {
    this.behindTls = behindTls;
    this.csp = "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "connect-src 'self'; img-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors " + (frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors));
    this.cspWithWebAssembly = csp.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';");
  }

  /**
   * For the administration page only: its Argon2id (opening the organisation key file) is
   * WebAssembly, which a browser compiles only with {@code 'wasm-unsafe-eval'}. That source allows
   * compiling WebAssembly, not JavaScript {@code eval}; the module still has to come from one of
   * our own scripts. Every other page keeps the policy without it.
   */
  public Handler<RoutingContext> allowingWebAssembly() {
    return ctx -> {
      ctx.response().headers().set("Content-Security-Policy", cspWithWebAssembly);
      ctx.next();
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", csp);
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Cache-Control", "no-store");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Permissions-Policy", PERMISSIONS_POLICY);
    if (behindTls) {
      // Only behind TLS: sent over plain HTTP it would be ignored at best, and in development it
      // would pin localhost to HTTPS in the developer's browser for two years.
      h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
    ctx.next();
  }
}
