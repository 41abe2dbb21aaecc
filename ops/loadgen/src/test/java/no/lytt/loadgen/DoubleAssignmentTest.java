package no.lytt.loadgen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the churn scenario counts as one visitor held by two counsellors at once. */
class DoubleAssignmentTest {
  @Test
  void oneOfferOrTheSameOfferSentAgainAfterAResumeIsOneChat() {
    assertFalse(ChurnScenario.heldTwice(List.of("c1"), Set.of()));
    assertFalse(ChurnScenario.heldTwice(List.of("c1", "c1"), Set.of()));
  }

  @Test
  void anOfferAfterTheFirstWasTakenBackIsAFreshChance() {
    assertFalse(ChurnScenario.heldTwice(List.of("c1", "c2"), Set.of("c1")));
    assertFalse(ChurnScenario.heldTwice(List.of("c1", "c2", "c3"), Set.of("c1", "c2")));
  }

  @Test
  void anOfferWhileAnEarlierOneWasStillACounsellorsIsADoubleAssignment() {
    assertTrue(ChurnScenario.heldTwice(List.of("c1", "c2"), Set.of()));
    assertTrue(ChurnScenario.heldTwice(List.of("c1", "c2", "c3"), Set.of("c2")));
  }
}
