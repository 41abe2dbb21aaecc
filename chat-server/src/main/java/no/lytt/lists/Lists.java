package no.lytt.lists;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/**
 * The administrators' lists: canned texts, the referral directory, wrap-up categories and the
 * "how did you find us?" sources. Entries get their id from the server and are retired rather
 * than deleted, so a counter kept under an id always has a label.
 */
public final class Lists {
  /** "dixi", "dixi-2" … "dixi-20": more namesakes than this is a mistake, not a directory. */
  private static final int ID_ATTEMPTS = 20;
  /** Ids that mean "none given" in counter keys ({@code wrapup.referral.none}, {@code wrapup.source.unknown}). */
  private static final java.util.Set<String> RESERVED = java.util.Set.of("none", "unknown");
  private final Store store;
  private final Clock clock;

  public Lists(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Every list, retired entries included (administration, and statistics labels). */
  public Future<Map<ListKind, List<ListEntry>>> all() {
    List<ListKind> kinds = List.of(ListKind.values());
    return Future.all(kinds.stream().map(store::listEntries).toList()).map(found -> {
      Map<ListKind, List<ListEntry>> out = new EnumMap<>(ListKind.class);
      for (int i = 0; i < kinds.size(); i++) {
        out.put(kinds.get(i), found.resultAt(i));
      }
      return out;
    });
  }

  /** Every list without its retired entries: what a console or a visitor may choose from. */
  public Future<Map<ListKind, List<ListEntry>>> choices() {
    return all().map(lists -> {
      Map<ListKind, List<ListEntry>> out = new EnumMap<>(ListKind.class);
      lists.forEach((kind, entries) -> out.put(kind, entries.stream().filter(e -> !e.retired()).toList()));
      return out;
    });
  }

  /** One list without its retired entries. */
  public Future<List<ListEntry>> choices(ListKind kind) {
    return store.listEntries(kind).map(entries -> entries.stream().filter(e -> !e.retired()).toList());
  }

  /** Whether {@code id} is an entry of {@code kind} that may be chosen now. */
  public Future<Boolean> isChoice(ListKind kind, String id) {
    if (!Slugs.valid(id)) {
      return Future.succeededFuture(false);
    }
    return choices(kind).map(entries -> entries.stream().anyMatch(e -> e.id().equals(id)));
  }

  public Future<ListEntry> add(ListKind kind, Map<String, ?> given) {
    Map<String, String> fields;
    try {
      fields = EntryRules.check(kind, given);
    } catch (LyttException e) {
      return Future.failedFuture(e);
    }
    String base = Slugs.of(fields.get(kind.slugSource()));
    if (RESERVED.contains(base)) {
      base = base + "-entry";
    }
    return addAs(kind, base, 1, fields);
  }

  private Future<ListEntry> addAs(ListKind kind, String base, int attempt, Map<String, String> fields) {
    if (attempt > ID_ATTEMPTS) {
      return Future.failedFuture(new LyttException(ErrorCode.NAME_TAKEN, "Too many entries with this name."));
    }
    ListEntry entry = new ListEntry(Slugs.attempt(base, attempt), fields, false, clock.instant());
    return store.addListEntry(kind, entry)
        .compose(added -> added ? Future.succeededFuture(entry) : addAs(kind, base, attempt + 1, fields));
  }

  /** New fields for an entry; its id, and so every counter under it, stays. */
  public Future<ListEntry> edit(ListKind kind, String id, Map<String, ?> given) {
    return existing(kind, id).compose(old -> replace(kind, old.withFields(EntryRules.check(kind, given))));
  }

  /** Hides an entry from new choices (or brings it back); statistics keep its label either way. */
  public Future<ListEntry> setRetired(ListKind kind, String id, boolean retired) {
    return existing(kind, id).compose(old -> replace(kind, old.withRetired(retired)));
  }

  private Future<ListEntry> existing(ListKind kind, String id) {
    return store.listEntries(kind).map(entries -> entries.stream().filter(e -> e.id().equals(id)).findFirst()
        .orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such entry.")));
  }

  private Future<ListEntry> replace(ListKind kind, ListEntry next) {
    return store.replaceListEntry(kind, next).map(done -> {
      if (!done) {
        throw new LyttException(ErrorCode.NOT_FOUND, "No such entry.");
      }
      return next;
    });
  }

  /**
   * A fresh service gets a few categories and sources, so wrap-ups and the visitor's question work
   * from the first day. A list that has entries is left alone (entries are never deleted, so an
   * empty list is one nobody has set up); nodes seeding at once add each default only once.
   */
  public Future<Void> seedDefaults() {
    return Future.all(DefaultEntries.ALL.entrySet().stream()
        .map(e -> store.listEntries(e.getKey()).compose(existing -> existing.isEmpty()
            ? Future.all(e.getValue().stream().map(entry -> store.addListEntry(e.getKey(), entry)).toList()).mapEmpty()
            : Future.succeededFuture()))
        .toList()).mapEmpty();
  }
}
