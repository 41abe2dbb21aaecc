package no.lytt.lists;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of an administrator's list: its server-made id, its fields (as {@link ListKind}
 * names them), whether it is retired (hidden from new choices, still labelled in statistics),
 * and when it was added, which orders the list.
 */
public record ListEntry(String id, Map<String, String> fields, boolean retired, Instant addedAt) {
  public ListEntry {
    Objects.requireNonNull(id, "id");
    fields = Map.copyOf(fields);
    Objects.requireNonNull(addedAt, "addedAt");
  }

  public String field(String name) {
    return fields.getOrDefault(name, "");
  }

  public ListEntry withFields(Map<String, String> next) {
    return new ListEntry(id, next, retired, addedAt);
  }

  public ListEntry withRetired(boolean value) {
    return new ListEntry(id, fields, value, addedAt);
  }
}
