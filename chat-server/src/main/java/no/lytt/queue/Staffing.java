package no.lytt.queue;

import java.time.Duration;
import java.util.List;
import no.lytt.presence.Duty;

/**
 * Who serves the queue at one moment: everyone on duty, how many of their chat slots are taken, and
 * how long recent chats lasted — what a wait estimate is made of.
 *
 * @param busySlots taken slots, each counsellor's counted up to their capacity
 */
public record Staffing(List<Duty> onDuty, int busySlots, List<Duration> recentDurations) {
  public static final Staffing NOBODY = new Staffing(List.of(), 0, List.of());

  public Staffing {
    onDuty = List.copyOf(onDuty);
    recentDurations = List.copyOf(recentDurations);
  }

  public int totalSlots() {
    return onDuty.stream().mapToInt(Duty::capacity).sum();
  }
}
