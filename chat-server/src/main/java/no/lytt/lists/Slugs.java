package no.lytt.lists;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ids for list entries, made by the server from a label: short, lower-case ASCII slugs matching
 * {@code [a-z0-9-]{1,40}}, because they become parts of counter keys and must never carry text
 * beyond what an administrator chose to publish as a label.
 */
public final class Slugs {
  public static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,40}");
  private static final int BASE_LENGTH = 32;

  private Slugs() {
  }

  /** "Helse Bergen / Sexologi" → "helse-bergen-sexologi"; Norwegian letters keep their sound (ø → o). */
  public static String of(String label) {
    String folded = label.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o").replace("å", "a");
    String ascii = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > BASE_LENGTH) {
      slug = slug.substring(0, BASE_LENGTH).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "item" : slug;
  }

  /** The {@code n}th try for a slug already taken: "dixi", "dixi-2", "dixi-3"… */
  public static String attempt(String base, int n) {
    return n <= 1 ? base : base + "-" + n;
  }

  public static boolean valid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
