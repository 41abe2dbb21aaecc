package no.lytt.lists;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;

/**
 * What an entry's fields must be: every field of its kind present as text, required ones not
 * blank, none longer than its limit; a canned text's language nb or en; a referral's web address
 * empty or https (it becomes a link on a visitor's page). Values are trimmed; control characters
 * other than line breaks in long texts are refused.
 */
public final class EntryRules {
  private EntryRules() {
  }

  /** The checked, trimmed fields; a {@code bad_frame} error naming the first wrong field otherwise. */
  public static Map<String, String> check(ListKind kind, Map<String, ?> given) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ListKind.Field f : kind.fields()) {
      Object raw = given.get(f.name());
      if (raw != null && !(raw instanceof String)) {
        throw bad("Field '" + f.name() + "' must be text.");
      }
      String value = raw == null ? "" : ((String) raw).strip();
      if (f.required() && value.isEmpty()) {
        throw bad("Field '" + f.name() + "' is required.");
      }
      if (value.length() > f.maxLength()) {
        throw bad("Field '" + f.name() + "' is longer than " + f.maxLength() + " characters.");
      }
      if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
        throw bad("Field '" + f.name() + "' holds control characters.");
      }
      out.put(f.name(), value);
    }
    if (kind == ListKind.CANNED && !out.get("language").matches("nb|en")) {
      throw bad("Field 'language' must be nb or en.");
    }
    if (kind == ListKind.REFERRALS && !out.get("web").isEmpty() && !isHttps(out.get("web"))) {
      throw bad("Field 'web' must be an https:// address or empty.");
    }
    return out;
  }

  /** An absolute https URL with a host and nothing a browser might read another way. */
  public static boolean isHttps(String web) {
    if (!web.startsWith("https://") || web.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\')) {
      return false;
    }
    try {
      URI uri = new URI(web);
      return "https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_FRAME, message);
  }
}
