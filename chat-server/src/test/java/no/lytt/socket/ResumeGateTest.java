package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeGateTest {
  private final ResumeGate gate = new ResumeGate();
  private final List<String> written = new ArrayList<>();

  @Test
  void liveFramesOfAResumingChatFollowTheReplayWithoutRepeatingIt() {
    gate.hold("c1");
    assertTrue(gate.held("c1", "msg", 4, "msg 4"), "4 was relayed live while the store was asked");
    assertTrue(gate.held("c1", "typing", 0, "typing"));
    assertTrue(gate.held("c1", "msg", 5, "msg 5"));
    assertFalse(gate.held("c2", "msg", 1, "other chat"), "other chats are not held up");

    written.add("resumed + msg 3 + msg 4 (the replay)");
    gate.release("c1", 4, written::add);

    assertEquals(List.of("resumed + msg 3 + msg 4 (the replay)", "typing", "msg 5"), written);
    assertFalse(gate.held("c1", "msg", 6, "msg 6"), "after the release frames go straight out");
  }

  @Test
  void releasingWhatIsNotHeldWritesNothing() {
    gate.release("c1", 0, written::add);
    assertEquals(List.of(), written);
  }
}
