package no.lytt.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counters a report shows, in the order the yearly report reads them. Groups with fixed keys
 * always list them (a zero is information too); keys under a group's prefix come from
 * administrators' lists, so they are listed as the days read contain them. A key no group claims
 * lands in "other" rather than being dropped.
 */
public final class StatisticsGroups {
  /** One group: its id (the page's label key), fixed keys, and the prefix that adds others. */
  private record Spec(String id, List<String> fixed, String prefix) {
    boolean claims(String key) {
      return fixed.contains(key) || (prefix != null && key.startsWith(prefix));
    }
  }

  /** One group as a report lists it. */
  public record Group(String id, List<String> keys) {
  }

  private static final List<Spec> SPECS = List.of(
      new Spec("contacts", keys(Counter.CONTACTS_OFFERED, Counter.CONTACTS_ANSWERED, Counter.CONTACTS_ABANDONED), null),
      new Spec("chats", keys(Counter.CHATS_COMPLETED, Counter.CHATS_REJECTED, Counter.CHATS_TIMED_OUT,
          Counter.CHATS_TRANSFERRED), null),
      new Spec("wait", prefixed("wait.", TimeBuckets.WAIT), null),
      new Spec("duration", prefixed("duration.", TimeBuckets.DURATION), null),
      new Spec("callbacks", keys(Counter.CALLBACKS_REQUESTED, Counter.CALLBACKS_COMPLETED, Counter.CALLBACKS_FAILED,
          Counter.CALLBACKS_EXPIRED, Counter.CALLBACKS_CANCELLED), null),
      new Spec("tickets", keys(Counter.TICKETS_TAKEN, Counter.TICKETS_SERVED, Counter.TICKETS_RELEASED), null),
      new Spec("wrapups", List.of("wrapup.saved"), null),
      new Spec("categories", List.of(), "wrapup.category."),
      new Spec("plissit", prefixed("wrapup.plissit.",
          List.of("permission", "limited-information", "specific-suggestions", "intensive-therapy")), "wrapup.plissit."),
      new Spec("referrals", List.of(), "wrapup.referral."),
      new Spec("sources", List.of(), "wrapup.source."),
      new Spec("visitor-sources", List.of(), "visitor.source."),
      new Spec("helpful", prefixed("visitor.helpful.", List.of("yes", "partly", "no")), "visitor.helpful."));

  private StatisticsGroups() {
  }

  /** The groups for a report whose days hold {@code present} keys. */
  public static List<Group> of(Collection<String> present) {
    Set<String> sorted = new TreeSet<>(present);
    List<Group> groups = new ArrayList<>();
    for (Spec spec : SPECS) {
      Set<String> keys = new LinkedHashSet<>(spec.fixed());
      if (spec.prefix() != null) {
        sorted.stream().filter(k -> k.startsWith(spec.prefix())).forEach(keys::add);
      }
      groups.add(new Group(spec.id(), List.copyOf(keys)));
    }
    List<String> other = sorted.stream().filter(k -> SPECS.stream().noneMatch(s -> s.claims(k))).toList();
    if (!other.isEmpty()) {
      groups.add(new Group("other", other));
    }
    return groups;
  }

  private static List<String> keys(Counter... counters) {
    return java.util.Arrays.stream(counters).map(Counter::key).toList();
  }

  private static List<String> prefixed(String prefix, List<String> names) {
    return names.stream().map(n -> prefix + n).toList();
  }
}
