package no.lytt.client;

import io.vertx.core.json.JsonObject;

/**
 * A typed {@code error} frame (docs/protocol.md, "Error codes") or an HTTP API error, as the
 * failure of the client call that caused it.
 */
public final class ProtocolError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String ref;

  public ProtocolError(String code, String message, String ref) {
    super(code + (message == null ? "" : ": " + message), null, false, false);
    this.code = code;
    this.ref = ref;
  }

  static ProtocolError of(JsonObject errorFrame) {
    return new ProtocolError(errorFrame.getString("code"), errorFrame.getString("message"),
        errorFrame.getString("ref"));
  }

  /** The wire code, e.g. {@code no_match}. */
  public String code() {
    return code;
  }

  /** The {@code type} of the frame that caused it, or null. */
  public String ref() {
    return ref;
  }
}
