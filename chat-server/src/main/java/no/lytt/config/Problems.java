package no.lytt.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while the whole configuration is read, so all are reported together. */
final class Problems {

  private final List<String> found = new ArrayList<>();

  void add(String problem) {
    found.add(problem);
  }

  /** {@code <setting>: expected <what>} — the shape of every value error. */
  void invalid(Setting setting, String expected) {
    add(setting.describe() + ": expected " + expected);
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ConfigException(found);
    }
  }
}
