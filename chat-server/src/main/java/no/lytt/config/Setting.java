package no.lytt.config;

/**
 * A key's effective value and where it came from, so every error message can send the operator to
 * the line or variable to fix.
 *
 * @param source {@code env LYTT_X}, {@code <file> line <n>}, or empty for the built-in default
 */
record Setting(ConfigKey key, String value, String source) {

  static Setting byDefault(ConfigKey key) {
    return new Setting(key, key.defaultValue(), "");
  }

  /**
   * {@code http.port (env LYTT_HTTP_PORT) = "abc"}. An unset key names its variable instead,
   * since that is what the operator will reach for; a secret's value is replaced by a marker.
   */
  String describe() {
    if (source.isEmpty() && value.isEmpty()) {
      return key.name() + " (not set; env " + key.envName() + ")";
    }
    String where = source.isEmpty() ? "default" : source;
    String shown = key.secret() ? "<hidden, " + value.length() + " characters>" : "\"" + value + "\"";
    return key.name() + " (" + where + ") = " + shown;
  }
}
