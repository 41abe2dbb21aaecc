package no.lytt.protocol;

import io.vertx.core.json.JsonObject;
import no.lytt.crypto.B64u;

/**
 * Typed reads of frame fields. Anything missing, of the wrong type or out of range becomes one
 * {@code bad_frame} error naming the field, so handlers never see half-valid input.
 */
public final class Fields {
  private final JsonObject frame;

  public Fields(JsonObject frame) {
    this.frame = frame;
  }

  public String type() {
    Object t = frame.getValue("type");
    if (!(t instanceof String s) || s.isEmpty()) {
      throw new LyttException(ErrorCode.UNKNOWN_TYPE, "The frame has no type.");
    }
    return s;
  }

  /** True when the frame carries the field (a JSON null counts as absent). */
  public boolean has(String name) {
    return frame.getValue(name) != null;
  }

  public String string(String name, int maxLength) {
    Object v = frame.getValue(name);
    if (!(v instanceof String s) || s.isEmpty() || s.length() > maxLength) {
      throw bad(name, "a string of 1-" + maxLength + " characters");
    }
    return s;
  }

  /** A base64url (no padding) field that must decode to exactly {@code bytes} bytes. */
  public String b64u(String name, int bytes) {
    String s = string(name, (bytes * 4 + 2) / 3);
    if (B64u.decodedLength(s) != bytes) {
      throw bad(name, "base64url of " + bytes + " bytes");
    }
    return s;
  }

  /** A base64url (no padding) field of at most {@code maxBytes} decoded bytes. */
  public String b64uUpTo(String name, int maxBytes) {
    String s = string(name, (maxBytes * 4 + 2) / 3);
    if (B64u.decodedLength(s) < 0) {
      throw bad(name, "base64url");
    }
    return s;
  }

  public long positiveLong(String name) {
    long v = nonNegativeLong(name);
    if (v == 0) {
      throw bad(name, "a positive integer");
    }
    return v;
  }

  public long nonNegativeLong(String name) {
    Object v = frame.getValue(name);
    if (v instanceof Integer || v instanceof Long) {
      long l = ((Number) v).longValue();
      if (l >= 0) {
        return l;
      }
    }
    throw bad(name, "a non-negative integer");
  }

  public int intInRange(String name, int min, int max) {
    Object v = frame.getValue(name);
    if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= min
        && ((Number) v).longValue() <= max) {
      return ((Number) v).intValue();
    }
    throw bad(name, "an integer " + min + "-" + max);
  }

  public boolean bool(String name) {
    Object v = frame.getValue(name);
    if (v instanceof Boolean b) {
      return b;
    }
    throw bad(name, "true or false");
  }

  private static LyttException bad(String name, String expected) {
    return new LyttException(ErrorCode.BAD_FRAME, "Field '" + name + "' must be " + expected + ".");
  }
}
