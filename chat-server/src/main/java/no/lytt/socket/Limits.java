package no.lytt.socket;

import java.time.Duration;

/**
 * Per-connection protocol limits (configuration keys limits.*).
 *
 * @param silentTimeout how long a socket may stay open without ever sending a frame
 * @param pingInterval how often the server pings every socket, so that the HTTP server's idle
 *     timeout (meant for connections nobody uses) never closes a quiet chat
 */
public record Limits(int frameBytes, int messagesPerSecond, int burst, Duration silentTimeout, Duration pingInterval) {
  /** Unparseable frames tolerated before the connection is closed as garbage. */
  public static final int MAX_GARBAGE = 10;
  /** Close code for a socket that never sent a frame within {@link #silentTimeout()}; the page reconnects. */
  public static final short SILENT_CLOSE = 4002;
}
