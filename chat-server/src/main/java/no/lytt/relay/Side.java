package no.lytt.relay;

import java.util.Locale;

/** The two ends of a chat. */
public enum Side {
  VISITOR, COUNSELLOR;

  public Side other() {
    return this == VISITOR ? COUNSELLOR : VISITOR;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
