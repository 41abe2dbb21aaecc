package no.lytt.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectionLogTest {
  private final DirectionLog log = new DirectionLog();

  private AppendResult append(long seq) {
    return log.append(new Envelope(seq, "ct" + seq), 3);
  }

  @Test
  void acceptsOnlyTheNextSequenceNumber() {
    assertEquals(AppendResult.ACCEPTED, append(1));
    assertEquals(AppendResult.GAP, append(3));
    assertEquals(AppendResult.ACCEPTED, append(2));
  }

  @Test
  void aResendOfSomethingAlreadyHeldIsADuplicateNotAnError() {
    append(1);
    append(2);
    assertEquals(AppendResult.DUPLICATE, append(1));
    assertEquals(AppendResult.DUPLICATE, append(2));
    assertEquals(2, log.lastReceived());
  }

  @Test
  void holdsEnvelopesUntilAcknowledgedAndReplaysWhatTheReceiverLacks() {
    append(1);
    append(2);
    append(3);
    assertEquals(List.of(2L, 3L), log.after(1).stream().map(Envelope::seq).toList());
    assertTrue(log.ack(2));
    assertEquals(List.of(3L), log.after(0).stream().map(Envelope::seq).toList());
  }

  @Test
  void refusesMoreThanTheUnacknowledgedLimit() {
    append(1);
    append(2);
    append(3);
    assertEquals(AppendResult.FULL, append(4));
    log.ack(1);
    assertEquals(AppendResult.ACCEPTED, append(4));
  }

  @Test
  void anAcknowledgementOfSomethingNeverSentIsRefused() {
    append(1);
    assertFalse(log.ack(2));
    assertFalse(log.ack(-1));
    assertEquals(1, log.unackedCount());
  }
}
