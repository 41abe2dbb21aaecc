package no.lytt.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The categories and sources a new service starts with; administrators change or retire them.
 * Categories name the topic, never the person (CONTEXT: "kjøp av sex", not "sexkjøper").
 */
final class DefaultEntries {
  /** Far in the past, one millisecond apart, so defaults keep this order ahead of anything added. */
  private static final Instant EPOCH = Instant.EPOCH;

  static final Map<ListKind, List<ListEntry>> ALL = Map.of(
      ListKind.CATEGORIES, entries(
          "own-experience", "Egne erfaringer med kjøp av sex", "Own experience of buying sex",
          "thinking-of-buying", "Tanker om å kjøpe sex", "Thinking about buying sex",
          "law", "Spørsmål om loven", "Questions about the law",
          "sexual-health", "Seksuell helse", "Sexual health",
          "relationships", "Parforhold og familie", "Relationships and family",
          "someone-else", "Bekymret for en annen", "Worried about someone else",
          "other", "Annet", "Other"),
      ListKind.SOURCES, entries(
          "search-engine", "Søkemotor", "Search engine",
          "friend", "Venn eller bekjent", "Friend or acquaintance",
          "health-service", "Helsetjenesten", "Health service",
          "police", "Politiet", "Police",
          "social-media", "Sosiale medier", "Social media",
          "news", "Nyheter eller avis", "News",
          "other", "Annet", "Other"));

  private DefaultEntries() {
  }

  /** Triples of id, Bokmål, English. */
  private static List<ListEntry> entries(String... triples) {
    List<ListEntry> out = new ArrayList<>();
    for (int i = 0; i < triples.length; i += 3) {
      out.add(new ListEntry(triples[i], Map.of("nb", triples[i + 1], "en", triples[i + 2]), false,
          EPOCH.plusMillis(i / 3)));
    }
    return List.copyOf(out);
  }
}
