package no.lytt.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTML pages, with the organisation public key pinned into them at start-up. The visitor's
 * page accepts only chat keys from devices this key certified, so the key travels with the page, not
 * with the data a compromised store could forge. Every script and style sheet they name carries its
 * subresource integrity, computed here from the bytes the static handler serves ({@link Subresources}).
 */
public final class Pages {
  private final String visitor;
  private final String console;
  private final String admin;
  private final String invite;

  public Pages(String orgPublicKey, String quickExitUrl) {
    Subresources integrity = new Subresources(path -> read("webroot" + path));
    this.visitor = integrity.apply(load("webroot/index.html", orgPublicKey, quickExitUrl));
    this.console = integrity.apply(load("webroot/console.html", orgPublicKey, quickExitUrl));
    this.admin = integrity.apply(load("webroot/admin.html", orgPublicKey, quickExitUrl));
    this.invite = integrity.apply(load("webroot/invite.html", orgPublicKey, quickExitUrl));
  }

  public Handler<RoutingContext> visitor() {
    return ctx -> serve(ctx, visitor);
  }

  public Handler<RoutingContext> console() {
    return ctx -> serve(ctx, console);
  }

  public Handler<RoutingContext> admin() {
    return ctx -> serve(ctx, admin);
  }

  public Handler<RoutingContext> invite() {
    return ctx -> serve(ctx, invite);
  }

  private static void serve(RoutingContext ctx, String html) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html);
  }

  private static String load(String resource, String orgKey, String quickExit) {
    byte[] page = read(resource);
    if (page == null) {
      throw new IllegalStateException("Missing " + resource + " on the classpath (lytt-web-client jar)");
    }
    return new String(page, StandardCharsets.UTF_8)
        .replace("{{ORG_PUBLIC_KEY}}", orgKey)
        .replace("{{QUICK_EXIT_URL}}", escape(quickExit));
  }

  /**
   * A classpath resource, or null. The static handler serves {@code webroot} from the same
   * classpath, so the integrity computed from these bytes is that of the bytes served.
   */
  private static byte[] read(String resource) {
    try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
