package no.lytt.protocol;

import java.time.Duration;
import java.util.Optional;

/**
 * An expected rejection with a code the edge turns into an error frame or HTTP status in one place.
 * No stack trace: these are answers, not bugs, and a flood of them must stay cheap. A rejection that
 * ends by itself (a throttled log-in) says when, for the HTTP {@code Retry-After} header.
 */
public class LyttException extends RuntimeException {
  private final ErrorCode code;
  private final Duration retryAfter;

  public LyttException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public LyttException(ErrorCode code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
  }

  /** How long until the same request may succeed, when the refusal is temporary. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
