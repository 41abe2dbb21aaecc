package no.lytt.protocol;

import java.util.Locale;

/** Typed error codes of the wire protocol (docs/protocol.md, "Error codes"). */
public enum ErrorCode {
  BAD_JSON, UNKNOWN_TYPE, BAD_FRAME, WRONG_STATE, CLOSED, QUEUE_FULL, NO_MATCH, CAPACITY_REACHED,
  NOT_FOUND, BAD_SEQUENCE, BUFFER_FULL, MESSAGES_LOST, DEVICE_NOT_CERTIFIED, RATE_LIMITED, UNAVAILABLE,
  BAD_CREDENTIALS, UNAUTHORIZED, FORBIDDEN, TOO_MANY_ATTEMPTS, WEAK_PASSWORD, INTERNAL,
  CODE_REQUIRED, NO_SECOND_FACTOR;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status the same error gets on the HTTP API. */
  public int httpStatus() {
    return switch (this) {
      case BAD_JSON, BAD_FRAME, UNKNOWN_TYPE, WEAK_PASSWORD -> 400;
      case BAD_CREDENTIALS, UNAUTHORIZED, CODE_REQUIRED -> 401;
      case FORBIDDEN, DEVICE_NOT_CERTIFIED, NO_SECOND_FACTOR -> 403;
      case NOT_FOUND -> 404;
      case MESSAGES_LOST -> 410;
      case WRONG_STATE, QUEUE_FULL, NO_MATCH, CAPACITY_REACHED, BAD_SEQUENCE, BUFFER_FULL, CLOSED -> 409;
      case RATE_LIMITED, TOO_MANY_ATTEMPTS -> 429;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }
}
