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
 * @param connectionsPerSource {@code limits.connections-per-source}: WebSockets one source address
 *     may hold open on this node
 * @param silentSocketSeconds {@code limits.silent-socket-seconds}: how long a WebSocket may stay
 *     open without ever sending a frame
 * @param httpIdleSeconds {@code limits.http-idle-seconds}: how long a connection may go without
 *     traffic (a partial request head is none); WebSockets are pinged at half this
 * @param headerBytes {@code limits.header-bytes}: largest request head (all header lines)
 * @param welcomesInFlight {@code limits.welcomes-in-flight}: visitor sockets this node may be
 *     welcoming at once before a new one is answered 503
 */
public record LimitsConfig(int frameBytes, int messagesPerSecond, int burst, int queueLength,
    int maxCapacity, int unackedEnvelopes, int connectionsPerSource, int silentSocketSeconds,
    int httpIdleSeconds, int headerBytes, int welcomesInFlight) {

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
  static final ConfigKey CONNECTIONS_PER_SOURCE = ConfigKey.of("limits.connections-per-source", "50",
      "WebSockets one source address may hold open on this node at once (1-100000); one more is refused "
          + "with HTTP 429 before the upgrade. A school or workplace behind one shared address must not be "
          + "locked out, so keep it well above one household's tabs. The source is the socket peer, or behind "
          + "http.trusted-proxies the right-most X-Forwarded-For address that is not a trusted proxy; an IPv6 "
          + "source counts per /64. Addresses are counted only as a salted hash in memory, the salt renewed "
          + "(and the counts dropped) daily; nothing is logged or stored. Each node counts on its own.");
  static final ConfigKey SILENT_SOCKET_SECONDS = ConfigKey.of("limits.silent-socket-seconds", "600",
      "Seconds a WebSocket may stay open without ever sending a frame (1-86400); then it is closed with "
          + "4002 and the page reconnects. Someone reading the visitor page for a long while is legitimate, "
          + "so this is generous, and it ends at the first frame: it only reclaims sockets nobody uses.");
  static final ConfigKey HTTP_IDLE_SECONDS = ConfigKey.of("limits.http-idle-seconds", "60",
      "Seconds a connection may go without a complete request head, body chunk or frame arriving, or "
          + "anything sent, before it is closed (1-3600): a kept-alive connection nobody uses, a client that "
          + "connected and went silent, and a slowloris client trickling its headers (partial header bytes "
          + "do not count as activity). WebSockets are pinged every half of this, so a quiet chat is never "
          + "idle and a proxy in front sees traffic. Keep a proxy's upstream keep-alive shorter than this.");
  static final ConfigKey HEADER_BYTES = ConfigKey.of("limits.header-bytes", "8192",
      "Largest request head in bytes, all header lines together (1024-65536); a larger one is answered "
          + "431. Lytt's own requests need well under 2048; the request line alone is capped at 4096.");
  static final ConfigKey WELCOMES_IN_FLIGHT = ConfigKey.of("limits.welcomes-in-flight", "200",
      "Visitor sockets this node may be welcoming at once (1-100000): opened and waiting for the store to "
          + "say how the queue stands. One more is answered 503 with Retry-After before the upgrade, and the "
          + "page tries again after its backoff, so after a restart thousands of returning pages come in as "
          + "fast as the node can welcome them instead of all waiting until the store's answers time out. "
          + "Consoles are not counted.");
  static final List<ConfigKey> KEYS = List.of(FRAME_BYTES, MESSAGES_PER_SECOND, BURST, QUEUE_LENGTH, MAX_CAPACITY,
      UNACKED_ENVELOPES, CONNECTIONS_PER_SOURCE, SILENT_SOCKET_SECONDS, HTTP_IDLE_SECONDS, HEADER_BYTES,
      WELCOMES_IN_FLIGHT);

  static LimitsConfig read(Settings settings) {
    return new LimitsConfig(
        settings.integer(FRAME_BYTES, 1024, 1 << 20),
        settings.integer(MESSAGES_PER_SECOND, 1, 1000),
        settings.integer(BURST, 1, 10_000),
        settings.integer(QUEUE_LENGTH, 1, 100_000),
        settings.integer(MAX_CAPACITY, 1, 20),
        settings.integer(UNACKED_ENVELOPES, 1, 65_536),
        settings.integer(CONNECTIONS_PER_SOURCE, 1, 100_000),
        settings.integer(SILENT_SOCKET_SECONDS, 1, 86_400),
        settings.integer(HTTP_IDLE_SECONDS, 1, 3600),
        settings.integer(HEADER_BYTES, 1024, 65_536),
        settings.integer(WELCOMES_IN_FLIGHT, 1, 100_000));
  }
}
