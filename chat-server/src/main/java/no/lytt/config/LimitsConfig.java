package no.lytt.config;

import java.util.List;

/**
 * Abuse and capacity limits. The defaults leave room for honest use on a slow phone and still stop
 * one connection from exhausting memory or the counsellors' attention.
 *
 * @param frameBytes {@code limits.frame-bytes}: largest WebSocket frame accepted
 * @param messagesPerSecond {@code limits.messages-per-second}: sustained frames per connection
 * @param burst {@code limits.burst}: frames a connection may send at once above the rate
 * @param queueLength {@code limits.queue-length}: most visitors waiting at once
 * @param maxCapacity {@code limits.max-capacity}: most simultaneous chats a counsellor may take
 * @param unackedEnvelopes {@code limits.unacked-envelopes}: envelopes kept per chat direction for
 *     resume before the sender is told to wait
 */
public record LimitsConfig(int frameBytes, int messagesPerSecond, int burst, int queueLength,
    int maxCapacity, int unackedEnvelopes) {

  static final ConfigKey FRAME_BYTES = ConfigKey.of("limits.frame-bytes", "16384",
      "Largest WebSocket frame in bytes (1024-1048576). Messages are padded to 256-byte blocks and "
          + "base64url-encoded, so 16384 holds a long message; a larger frame closes the connection.");
  static final ConfigKey MESSAGES_PER_SECOND = ConfigKey.of("limits.messages-per-second", "20",
      "Sustained frames per second one connection may send before it is closed as a flood.");
  static final ConfigKey BURST = ConfigKey.of("limits.burst", "40",
      "Frames a connection may send at once above the sustained rate, e.g. when a reconnect resends "
          + "what was not yet acknowledged.");
  static final ConfigKey QUEUE_LENGTH = ConfigKey.of("limits.queue-length", "500",
      "Most visitors queued at once; beyond it new visitors are refused with a clear answer rather "
          + "than left waiting for hours.");
  static final ConfigKey MAX_CAPACITY = ConfigKey.of("limits.max-capacity", "4",
      "Most simultaneous chats one counsellor may take (1-20), whatever capacity the console asks for.");
  static final ConfigKey UNACKED_ENVELOPES = ConfigKey.of("limits.unacked-envelopes", "256",
      "Unacknowledged envelopes kept per chat direction for resume; a sender beyond it must wait for "
          + "acknowledgements.");
  static final List<ConfigKey> KEYS =
      List.of(FRAME_BYTES, MESSAGES_PER_SECOND, BURST, QUEUE_LENGTH, MAX_CAPACITY, UNACKED_ENVELOPES);

  static LimitsConfig read(Settings settings) {
    return new LimitsConfig(
        settings.integer(FRAME_BYTES, 1024, 1 << 20),
        settings.integer(MESSAGES_PER_SECOND, 1, 1000),
        settings.integer(BURST, 1, 10_000),
        settings.integer(QUEUE_LENGTH, 1, 100_000),
        settings.integer(MAX_CAPACITY, 1, 20),
        settings.integer(UNACKED_ENVELOPES, 1, 65_536));
  }
}
