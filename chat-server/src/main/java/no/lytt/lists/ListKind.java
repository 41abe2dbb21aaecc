package no.lytt.lists;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lists an administrator keeps, each with the fields its entries have and how long each may
 * be. Entries of the counted kinds (categories, sources, referrals) become parts of counter keys
 * by their id, which is why ids are the server's slugs and entries are retired, never deleted.
 */
public enum ListKind {
  CATEGORIES(List.of(Field.text("nb", 80), Field.text("en", 80))),
  SOURCES(List.of(Field.text("nb", 80), Field.text("en", 80))),
  REFERRALS(List.of(Field.text("name", 120), Field.optional("offers", 1000), Field.optional("contact", 200),
      Field.optional("web", 300))),
  CANNED(List.of(Field.text("title", 120), Field.text("text", 4000), Field.text("language", 2)));

  /** One field of an entry: its name, whether it may be empty, and its longest value in characters. */
  public record Field(String name, boolean required, int maxLength) {
    static Field text(String name, int max) {
      return new Field(name, true, max);
    }

    static Field optional(String name, int max) {
      return new Field(name, false, max);
    }
  }

  private final List<Field> fields;

  ListKind(List<Field> fields) {
    this.fields = fields;
  }

  public List<Field> fields() {
    return fields;
  }

  /** The name in URLs and JSON: {@code categories}, {@code sources}, {@code referrals}, {@code canned}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ListKind> fromWire(String wire) {
    for (ListKind k : values()) {
      if (k.wire().equals(wire)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The field a new entry's id is made from. */
  String slugSource() {
    return this == CATEGORIES || this == SOURCES ? "en" : fields.get(0).name();
  }
}
