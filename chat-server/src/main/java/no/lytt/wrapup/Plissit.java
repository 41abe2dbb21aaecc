package no.lytt.wrapup;

import java.util.Optional;

/**
 * The PLISSIT levels a counsellor records at wrap-up (CONTEXT.md, "How counsellors work"); fixed,
 * since the model itself is. Wire names are counter key parts: {@code wrapup.plissit.<wire>}.
 */
public enum Plissit {
  PERMISSION("permission"),
  LIMITED_INFORMATION("limited-information"),
  SPECIFIC_SUGGESTIONS("specific-suggestions"),
  INTENSIVE_THERAPY("intensive-therapy");

  private final String wire;

  Plissit(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Plissit> fromWire(String wire) {
    for (Plissit p : values()) {
      if (p.wire.equals(wire)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
