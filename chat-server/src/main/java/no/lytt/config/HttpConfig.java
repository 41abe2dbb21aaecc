package no.lytt.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP and WebSocket listener and how it sees the outside world.
 *
 * @param host {@code http.host}: address to bind
 * @param port {@code http.port}: port to bind
 * @param publicOrigin {@code http.public-origin}: the origin visitors type, normalised as a browser
 *     sends it in {@code Origin} ({@code https://lytt.example.no}, no default port, no slash)
 * @param allowedOrigins {@code http.allowed-origins}: origins whose WebSocket upgrades are accepted;
 *     always contains the public origin first
 * @param frameAncestors {@code http.frame-ancestors}: https origins whose pages may frame ours (CSP
 *     {@code frame-ancestors}); empty means none may
 * @param behindTls {@code http.behind-tls}: a TLS-terminating proxy is in front, so cookies are
 *     {@code Secure} and HSTS is sent
 * @param trustedProxies {@code http.trusted-proxies}: peers whose {@code X-Forwarded-*} headers
 *     are believed; any other peer could forge them to dodge rate limits
 * @param quickExitUrl {@code http.quick-exit-url}: where the quick-exit button sends a visitor
 * @param eventLoops {@code http.event-loops}: HTTP server verticle instances, resolved from
 *     {@code 0} to the number of CPU cores
 */
public record HttpConfig(String host, int port, String publicOrigin, List<String> allowedOrigins,
    List<String> frameAncestors, boolean behindTls, List<InetAddress> trustedProxies, String quickExitUrl,
    int eventLoops) {

  static final ConfigKey HOST = ConfigKey.of("http.host", "0.0.0.0",
      "Address the HTTP/WebSocket server binds to; 0.0.0.0 is every IPv4 interface, 127.0.0.1 keeps it local "
          + "behind a proxy on the same machine.");
  static final ConfigKey PORT = ConfigKey.of("http.port", "8080", "Port the HTTP/WebSocket server binds to.");
  static final ConfigKey PUBLIC_ORIGIN = ConfigKey.of("http.public-origin", "",
      "The origin visitors use, e.g. https://lytt.example.no (scheme and host, no path). Empty means "
          + "http://localhost:<http.port>, for development only.");
  static final ConfigKey ALLOWED_ORIGINS = ConfigKey.of("http.allowed-origins", "",
      "Comma-separated extra origins allowed to open a WebSocket. The public origin is always allowed; "
          + "every other origin is refused so another site cannot drive a visitor's browser.");
  static final ConfigKey FRAME_ANCESTORS = ConfigKey.of("http.frame-ancestors", "",
      "Comma-separated https origins whose pages may show Lytt's pages in a frame (the CSP frame-ancestors "
          + "directive), e.g. the organisation's own site. Empty: no page may frame them, not even Lytt's own, "
          + "so no other site can dress them up or trick a click. Framed, the quick exit leaves only the frame "
          + "and the framing page stays on screen, so embed only where that page has a quick exit of its own.");
  static final ConfigKey BEHIND_TLS = ConfigKey.of("http.behind-tls", "false",
      "true when a TLS-terminating proxy is in front: cookies get the Secure flag and HSTS is sent.");
  static final ConfigKey TRUSTED_PROXIES = ConfigKey.of("http.trusted-proxies", "",
      "Comma-separated IP addresses of reverse proxies whose X-Forwarded-For is believed. Empty: the "
          + "socket peer is the client. Never list addresses a visitor could connect from.");
  static final ConfigKey QUICK_EXIT_URL = ConfigKey.of("http.quick-exit-url", "https://www.yr.no/",
      "Where the quick-exit button sends a visitor: an ordinary, unremarkable site (the default is the "
          + "Norwegian weather service), so a glance at the screen or the history reveals nothing.");
  static final ConfigKey EVENT_LOOPS = ConfigKey.of("http.event-loops", "0",
      "HTTP server instances, each on its own event loop (0-256); 0 means one per CPU core. The node runs "
          + "this many event loops in all, and its Redis connections share them.");
  static final List<ConfigKey> KEYS = List.of(HOST, PORT, PUBLIC_ORIGIN, ALLOWED_ORIGINS, FRAME_ANCESTORS,
      BEHIND_TLS, TRUSTED_PROXIES, QUICK_EXIT_URL, EVENT_LOOPS);

  static HttpConfig read(Settings settings) {
    String host = settings.parsed(HOST, "a host name or IP address", text -> {
      if (text.isEmpty() || text.contains(" ")) {
        throw new IllegalArgumentException();
      }
      return text;
    });
    int port = settings.integer(PORT, 1, 65535);
    String given = settings.parsed(PUBLIC_ORIGIN, "an origin such as https://lytt.example.no",
        text -> text.isEmpty() ? "" : WebAddresses.origin(text));
    String publicOrigin = given.isEmpty() ? "http://localhost:" + port : given;
    List<String> allowed = new ArrayList<>(List.of(publicOrigin));
    for (String origin : settings.list(ALLOWED_ORIGINS, "comma-separated origins such as https://lytt.example.no",
        WebAddresses::origin)) {
      if (!allowed.contains(origin)) {
        allowed.add(origin);
      }
    }
    List<String> frameAncestors = settings.list(FRAME_ANCESTORS,
        "comma-separated https origins such as https://www.example.no", WebAddresses::httpsOrigin).stream()
        .distinct().toList();
    boolean behindTls = settings.bool(BEHIND_TLS);
    List<InetAddress> proxies = settings.list(TRUSTED_PROXIES, "comma-separated IP addresses", WebAddresses::ip);
    String quickExit = settings.parsed(QUICK_EXIT_URL, "an absolute http(s) URL or about:blank", WebAddresses::exitUrl);
    int loops = settings.integer(EVENT_LOOPS, 0, 256);
    return new HttpConfig(host, port, publicOrigin, List.copyOf(allowed), frameAncestors, behindTls, proxies, quickExit,
        loops == 0 ? Runtime.getRuntime().availableProcessors() : loops);
  }
}
