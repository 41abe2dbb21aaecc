package no.lytt.socket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps a resume's replay ahead of live traffic on one connection. A client that resumes is
 * attached before the store has answered what it missed, so a message relayed live in that moment
 * would reach it before the older ones of the replay, and the client would see a gap. While a
 * chat's resume runs its live frames wait here; once the replay is written they follow, less any
 * message the replay already carried.
 *
 * <p>A join is held alike: a console may take the visitor the moment the store has queued them,
 * before the node has sent {@code joined}, and a page that has not yet been told it is queued
 * cannot take an offer. Offers wait until {@code joined} is written. Confined to the connection's
 * context.
 */
final class ResumeGate {
  /** The key offers wait under while a join runs: no chat id is empty. */
  private static final String JOIN = "";

  private record Waiting(String type, long seq, String text) {
  }

  /**
   * Null while nothing waits, which is nearly always: a map emptied again would keep its table,
   * and every idle visitor's connection would carry it.
   */
  private Map<String, List<Waiting>> waiting;

  void hold(String chatId) {
    if (waiting == null) {
      waiting = new HashMap<>(4);
    }
    waiting.putIfAbsent(chatId, new ArrayList<>());
  }

  void holdOffers() {
    hold(JOIN);
  }

  /** Writes the offers that waited for a join to be answered. */
  void releaseOffers(Consumer<String> write) {
    release(JOIN, 0, write);
  }

  /** Whether the frame had to wait (its chat's resume is running, or it is an offer during a join). */
  boolean held(String chatId, String type, long seq, String text) {
    if (waiting == null) {
      return false;
    }
    if ("offer".equals(type) && waiting.containsKey(JOIN)) {
      waiting.get(JOIN).add(new Waiting(type, seq, text));
      return true;
    }
    List<Waiting> list = chatId == null ? null : waiting.get(chatId);
    if (list == null) {
      return false;
    }
    list.add(new Waiting(type, seq, text));
    return true;
  }

  /** Writes what waited for {@code chatId}, except messages up to {@code replayedUpTo}. */
  void release(String chatId, long replayedUpTo, Consumer<String> write) {
    List<Waiting> list = waiting == null ? null : waiting.remove(chatId);
    if (list == null) {
      return;
    }
    if (waiting.isEmpty()) {
      waiting = null;
    }
    for (Waiting w : list) {
      if (!("msg".equals(w.type()) && w.seq() <= replayedUpTo)) {
        write.accept(w.text());
      }
    }
  }
}
