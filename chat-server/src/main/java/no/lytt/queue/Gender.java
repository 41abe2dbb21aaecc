package no.lytt.queue;

import java.util.Locale;
import java.util.Optional;

/** A counsellor's gender as shown to visitors who ask for "a man" or "a woman". */
public enum Gender {
  MAN, WOMAN, UNSPECIFIED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Gender> fromWire(String value) {
    for (Gender g : values()) {
      if (g.wire().equals(value)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
