package no.lytt.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: its name in the file, its default as text, what it is for, and whether
 * its value may be shown in error messages.
 *
 * <p>Defaults are text, parsed by the same code as operator input, so a default can never be
 * something an operator could not have written.
 *
 * @param secret true when the value can carry a credential (a Redis password in a URI); such
 *     values are never echoed into a log line
 */
public record ConfigKey(String name, String defaultValue, String description, boolean secret) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
  }

  static ConfigKey of(String name, String defaultValue, String description) {
    return new ConfigKey(name, defaultValue, description, false);
  }

  static ConfigKey secret(String name, String defaultValue, String description) {
    return new ConfigKey(name, defaultValue, description, true);
  }

  /**
   * The environment variable that overrides this key: {@code LYTT_} and the name upper-cased,
   * with dots and dashes as underscores, because shells and container runtimes accept nothing
   * else in a variable name ({@code http.public-origin} is {@code LYTT_HTTP_PUBLIC_ORIGIN}).
   */
  public String envName() {
    return envName(name);
  }

  static String envName(String keyName) {
    return "LYTT_" + keyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
