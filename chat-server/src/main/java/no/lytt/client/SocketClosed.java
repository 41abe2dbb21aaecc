package no.lytt.client;

/**
 * The socket closed before the answer a call waited for came: a node that cannot welcome a client
 * (its store is away) closes with 1013, a draining one with 4003, a lost network with none.
 */
public final class SocketClosed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Short closeCode;

  SocketClosed(Short closeCode) {
    super("the socket closed (" + closeCode + ") before the answer came", null, false, false);
    this.closeCode = closeCode;
  }

  /** The WebSocket close code, or null when the connection ended without one. */
  public Short closeCode() {
    return closeCode;
  }
}
