package no.lytt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class MailboxTest {
  @Test
  void itemsWaitForReadersAndReadersWaitForItems() {
    Mailbox<String> box = new Mailbox<>();
    box.put("early");
    assertEquals("early", box.next(s -> true).result());
    Future<String> waiting = box.next(s -> s.startsWith("b"));
    box.put("apple");
    assertFalse(waiting.isComplete());
    box.put("banana");
    assertEquals("banana", waiting.result());
    assertEquals("apple", box.next(s -> true).result(), "unmatched items stay for later readers");
  }

  @Test
  void eachItemGoesToOneReader() {
    Mailbox<Integer> box = new Mailbox<>();
    Future<Integer> first = box.next(i -> true);
    Future<Integer> second = box.next(i -> true);
    box.put(1);
    box.put(2);
    assertEquals(1, first.result());
    assertEquals(2, second.result());
    assertTrue(box.unclaimed().isEmpty());
  }

  @Test
  void replyBoxesDropWhatNobodyAwaits() {
    Mailbox<String> replies = new Mailbox<>(false);
    replies.put("stale");
    Future<String> reply = replies.next(s -> true);
    assertFalse(reply.isComplete());
    replies.put("fresh");
    assertEquals("fresh", reply.result());
  }
}
