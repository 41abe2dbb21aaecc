package no.lytt.queue;

import java.util.Locale;
import java.util.Optional;

/** Whom a visitor would like to talk to. Counsellors have a {@link Gender}; visitors may not care. */
public enum Preference {
  NONE, MAN, WOMAN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Preference> fromWire(String value) {
    for (Preference p : values()) {
      if (p.wire().equals(value)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** True when a counsellor of this gender may take a visitor with this preference. */
  public boolean acceptsCounsellor(Gender gender) {
    return switch (this) {
      case NONE -> true;
      case MAN -> gender == Gender.MAN;
      case WOMAN -> gender == Gender.WOMAN;
    };
  }
}
