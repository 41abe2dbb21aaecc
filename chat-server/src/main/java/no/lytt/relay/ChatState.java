package no.lytt.relay;

/** Where a chat is in its short life. */
public enum ChatState {
  /** A counsellor accepted and sent a signed chat key; the visitor has not answered yet. */
  OFFERED,
  /** The visitor completed the handshake; sealed envelopes flow. */
  OPEN
}
