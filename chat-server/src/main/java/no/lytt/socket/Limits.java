package no.lytt.socket;

/** Per-connection protocol limits (configuration keys limits.*). */
public record Limits(int frameBytes, int messagesPerSecond, int burst) {
  /** Unparseable frames tolerated before the connection is closed as garbage. */
  public static final int MAX_GARBAGE = 10;
}
