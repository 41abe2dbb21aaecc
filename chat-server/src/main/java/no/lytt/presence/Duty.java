package no.lytt.presence;

/**
 * A counsellor's availability. Off duty keeps running chats; it only stops new ones.
 *
 * @param capacity how many chats at once this counsellor takes while on duty
 */
public record Duty(String username, boolean onDuty, int capacity) {
  public static Duty off(String username) {
    return new Duty(username, false, 0);
  }
}
