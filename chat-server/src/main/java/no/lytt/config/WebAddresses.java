package no.lytt.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsers for the address-like HTTP settings; each throws {@link IllegalArgumentException} when invalid. */
final class WebAddresses {

  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private WebAddresses() {
  }

  /** Normalises to what a browser sends in {@code Origin}, so comparison is plain string equality. */
  static String origin(String text) {
    URI uri = URI.create(text);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
      throw new IllegalArgumentException("scheme://host[:port] only, got " + text);
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
  }

  /**
   * An origin that must be https: a page allowed to frame ours must itself be safe from whoever is
   * on the network, or it could be rewritten to frame ours in a deceptive way.
   */
  static String httpsOrigin(String text) {
    String origin = origin(text);
    if (!origin.startsWith("https://")) {
      throw new IllegalArgumentException("https only, got " + text);
    }
    return origin;
  }

  /**
   * Only http(s) or {@code about:blank}: the value is placed in every page, and a
   * {@code javascript:} or relative URL there would be a script or a request to our own origin.
   */
  static String exitUrl(String text) {
    if (text.equals("about:blank")) {
      return text;
    }
    URI uri = URI.create(text);
    if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
      throw new IllegalArgumentException();
    }
    return text;
  }

  /** An IP literal; checked by pattern first so that a host name never triggers a DNS lookup. */
  static InetAddress ip(String text) {
    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }
}
