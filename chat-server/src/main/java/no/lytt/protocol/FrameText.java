package no.lytt.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Writes a frame as JSON text without a general-purpose serializer. Every relayed message is
 * encoded once per receiver, and a frame is a handful of strings and numbers: Jackson's set-up for
 * each call cost more than the writing. The output is the same JSON Jackson writes, in the same
 * key order; anything but strings, numbers, booleans, null, objects and arrays goes to Jackson.
 */
public final class FrameText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FrameText() {
  }

  /**
   * One builder per thread, kept between calls: a fresh one for every frame was a tenth of what a
   * node allocated while relaying. It starts with room for a relayed message (a sealed 300-byte text
   * is about 450 characters) and is dropped after a frame that made it grow past {@link #KEPT}.
   */
  private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(512));
  private static final int KEPT = 16 * 1024;

  public static String of(JsonObject frame) {
    StringBuilder out = BUILDER.get();
    out.setLength(0);
    boolean written = object(frame.getMap(), out);
    String text = written ? out.toString() : frame.encode();
    if (out.capacity() > KEPT) {
      BUILDER.remove();
    }
    return text;
  }

  private static boolean object(Map<String, Object> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(e.getKey(), out);
      out.append(':');
      if (!value(e.getValue(), out)) {
        return false;
      }
    }
    out.append('}');
    return true;
  }

  private static boolean array(List<Object> list, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      if (!value(list.get(i), out)) {
        return false;
      }
    }
    out.append(']');
    return true;
  }

  @SuppressWarnings("unchecked")
  private static boolean value(Object v, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      string(s, out);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof JsonObject o) {
      return object(o.getMap(), out);
    } else if (v instanceof JsonArray a) {
      return array(a.getList(), out);
    } else if (v instanceof Map<?, ?> m) {
      return object((Map<String, Object>) m, out);
    } else if (v instanceof List<?> l) {
      return array((List<Object>) l, out);
    } else {
      // Doubles, maps, instants, buffers: rare in frames, and Jackson has rules for each.
      return false;
    }
    return true;
  }

  /**
   * Copies each run of characters that need no escape in one call: a relayed frame is mostly one
   * long base64url string, and appending it a character at a time was the node's largest cost.
   */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, run, s.length());
    out.append('"');
  }
}
