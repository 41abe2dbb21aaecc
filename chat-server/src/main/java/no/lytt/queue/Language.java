package no.lytt.queue;

import java.util.Optional;

/** Languages a chat can be held in. Norwegian Bokmål is the service's default. */
public enum Language {
  NB("nb"), EN("en");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Language> fromCode(String value) {
    for (Language l : values()) {
      if (l.code.equals(value)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
