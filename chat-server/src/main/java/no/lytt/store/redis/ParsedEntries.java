package no.lytt.store.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.lytt.queue.QueueEntry;

/**
 * The head of the queue as last read, by the exact text Redis holds for each entry. Every join and
 * every announcement reads the head again, mostly the same waiting visitors as a moment ago; a
 * record's text never changes while it waits, so each is parsed once (JSON and an ISO-8601
 * instant, a tenth of a node's time under churn when parsed every time). Only the latest head is
 * kept: a visitor who has left it is forgotten at the next read.
 */
final class ParsedEntries {
  /** Replaced whole by each read, so a concurrent read sees one head or the other. */
  private volatile Map<String, QueueEntry> head = Map.of();

  List<QueueEntry> head(List<Object> texts) {
    Map<String, QueueEntry> previous = head;
    Map<String, QueueEntry> current = new HashMap<>(texts.size() * 2);
    List<QueueEntry> entries = new ArrayList<>(texts.size());
    for (Object o : texts) {
      String text = (String) o;
      QueueEntry entry = previous.get(text);
      if (entry == null) {
        entry = StoreJson.entry(text);
      }
      current.put(text, entry);
      entries.add(entry);
    }
    head = current;
    return entries;
  }
}
