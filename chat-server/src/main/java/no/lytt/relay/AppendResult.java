package no.lytt.relay;

/** What happened to an envelope the server was asked to hold and forward. */
public enum AppendResult {
  /** New and next in sequence: held until acknowledged and forwarded to the receiver. */
  ACCEPTED,
  /** Already held or delivered (a re-send after reconnect): dropped silently, nothing shown twice. */
  DUPLICATE,
  /** Not the next sequence number: refused, the sender must resume. */
  GAP,
  /** Too many unacknowledged envelopes: refused, the sender must wait for acknowledgements. */
  FULL,
  /** The chat does not exist (ended, expired) or is not open yet. */
  NO_CHAT
}
