package no.lytt.client;

import java.util.ArrayList;
import java.util.List;

/**
 * What the browser would show as a visible warning (a frame that failed authentication, a refused
 * offer, a gap in the sequence), collected for tests to assert on instead of being logged.
 */
public final class Warnings {
  private final List<String> items = new ArrayList<>();

  synchronized void add(String warning) {
    items.add(warning);
  }

  public synchronized List<String> all() {
    return List.copyOf(items);
  }
}
