package no.lytt.callback;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a callback or a ticket stands. A callback goes WAITING → CLAIMED → CALLING → DONE, or to
 * RETRY after no answer (claimable again) and FAILED after the last try. A ticket is WAITING
 * until it is used to join the queue (SERVED) or not claimed in time after opening (RELEASED).
 */
public enum ItemState {
  WAITING, CLAIMED, CALLING, RETRY, FAILED, DONE, SERVED, RELEASED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ItemState> fromWire(String value) {
    for (ItemState s : values()) {
      if (s.wire().equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Nothing more will happen to it; its sealed contents are already gone. */
  public boolean terminal() {
    return this == FAILED || this == DONE || this == SERVED || this == RELEASED;
  }
}
