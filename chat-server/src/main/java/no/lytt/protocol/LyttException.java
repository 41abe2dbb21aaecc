package no.lytt.protocol;

/**
 * An expected rejection with a code the edge turns into an error frame or HTTP status in one place.
 * No stack trace: these are answers, not bugs, and a flood of them must stay cheap.
 */
public class LyttException extends RuntimeException {
  private final ErrorCode code;

  public LyttException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
