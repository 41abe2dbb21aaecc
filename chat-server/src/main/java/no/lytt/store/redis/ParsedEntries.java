package no.lytt.store.redis;

import java.util.concurrent.ConcurrentHashMap;
import no.lytt.queue.QueueEntry;

/**
 * Queue entries already read, by the exact text Redis holds for them. Every join and every
 * announcement reads the head of the queue again, the same waiting visitors as a moment ago; a
 * record's text never changes while it waits, so each is parsed once (JSON and an ISO-8601 instant,
 * a tenth of a node's time under churn when parsed every time). Bounded: emptied when full, which
 * costs one more parse of the head.
 */
final class ParsedEntries {
  private static final int MAX = 1_024;
  private final ConcurrentHashMap<String, QueueEntry> byText = new ConcurrentHashMap<>();

  QueueEntry entry(String json) {
    QueueEntry known = byText.get(json);
    if (known != null) {
      return known;
    }
    QueueEntry parsed = StoreJson.entry(json);
    if (byText.size() >= MAX) {
      byText.clear();
    }
    byText.put(json, parsed);
    return parsed;
  }
}
