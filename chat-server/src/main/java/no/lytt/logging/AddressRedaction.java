package no.lytt.logging;

import java.util.regex.Pattern;

/**
 * Removes IP addresses from what libraries log. Lytt's own messages never contain one, but Netty
 * names a channel by its two ends ({@code [id: 0x…, L:/10.0.0.2:8080 - R:/192.0.2.7:40706]}) in its
 * warnings, and a node reachable directly would thereby write a visitor's address next to a time —
 * exactly what the log must never hold. Applied to every library line and stack trace.
 */
final class AddressRedaction {
  static final String MARK = "<address>";
  private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w.])");
  /** Full IPv6 forms (four groups or more) and compressed ones with {@code ::}: never a clock time. */
  private static final Pattern IPV6 = Pattern.compile("(?i)(?<![\\w:.])(?:(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}"
      + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)(?:%\\w+)?(?!\\w)");

  private AddressRedaction() {
  }

  static String redact(String text) {
    if (text == null) {
      return null;
    }
    return IPV6.matcher(IPV4.matcher(text).replaceAll(MARK)).replaceAll(MARK);
  }

  /** Lytt's own loggers are trusted to say nothing about a person; everything else is redacted. */
  static boolean applies(String loggerName) {
    return loggerName == null || !(loggerName.equals("lytt") || loggerName.startsWith("lytt."));
  }
}
