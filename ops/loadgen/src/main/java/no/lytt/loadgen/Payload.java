package no.lytt.loadgen;

/**
 * What every relayed message carries: the time it was meant to be sent (System.nanoTime of the
 * load generator, which also receives it) and a per-direction counter, padded to a fixed length.
 * Latency is receive time minus intended time, so a sender that falls behind its schedule shows up
 * as latency instead of hiding it (no coordinated omission). The counter finds losses and
 * duplicates. The text means nothing and is never written anywhere.
 */
final class Payload {
  /**
   * Text length for Lytt: the inner message {"t":"text","text":"..."} (22 bytes + text) plus the
   * 4-byte length prefix fills one 256-byte padding block, so the sealed envelope is 272 bytes
   * (256 + the GCM tag), 363 characters of base64url on the wire.
   */
  static final int LYTT_TEXT = 230;
  /** What the two peers relay: a payload as long as Lytt's {@code ct} field on the wire. */
  static final int PEER_BYTES = 363;

  private Payload() {
  }

  private static final String FILL = "x".repeat(Math.max(LYTT_TEXT, PEER_BYTES));

  static String make(long intendedNanos, long counter, int length) {
    StringBuilder b = new StringBuilder(length);
    b.append(intendedNanos).append(':').append(counter).append(':');
    return b.append(FILL, 0, Math.max(0, length - b.length())).toString();
  }

  static long intended(String payload) {
    return Long.parseLong(payload, 0, payload.indexOf(':'), 10);
  }

  static long counter(String payload) {
    int first = payload.indexOf(':');
    return Long.parseLong(payload, first + 1, payload.indexOf(':', first + 1), 10);
  }
}
