package no.lytt.metrics;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: {@code # HELP}, {@code # TYPE}, then
 * one line per series. Label values come only from fixed sets chosen in code (error codes, a
 * direction, a command name), never from a request, so escaping is for safety, not for data.
 */
final class Exposition {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Exposition() {
  }

  static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ').append(number(value)).append('\n');
  }

  static String label(String name, String value) {
    return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // Plain notation: a bucket bound reads le="0.0005", not le="5.0E-4", on dashboards.
    return java.math.BigDecimal.valueOf(v).toPlainString();
  }
}
