package no.lytt.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The two HTML pages, with the organisation public key pinned into them at start-up. The visitor's
 * page accepts only chat keys from devices this key certified, so the key travels with the page, not
 * with the data a compromised store could forge.
 */
public final class Pages {
  private final String visitor;
  private final String console;

  public Pages(String orgPublicKey, String quickExitUrl) {
    this.visitor = load("webroot/index.html", orgPublicKey, quickExitUrl);
    this.console = load("webroot/console.html", orgPublicKey, quickExitUrl);
  }

  public Handler<RoutingContext> visitor() {
    return ctx -> serve(ctx, visitor);
  }

  public Handler<RoutingContext> console() {
    return ctx -> serve(ctx, console);
  }

  private static void serve(RoutingContext ctx, String html) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html);
  }

  private static String load(String resource, String orgKey, String quickExit) {
    try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource + " on the classpath (lytt-web-client jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{ORG_PUBLIC_KEY}}", orgKey)
          .replace("{{QUICK_EXIT_URL}}", escape(quickExit));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
