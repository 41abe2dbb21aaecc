package no.lytt.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Typed reads of the merged settings. A bad value is recorded as a problem and the key's default
 * is returned in its place, so reading carries on and every other mistake is found in the same
 * start-up.
 */
final class Settings {

  private final Map<String, Setting> byName;
  private final Problems problems;

  Settings(Map<String, Setting> byName, Problems problems) {
    this.byName = Map.copyOf(byName);
    this.problems = problems;
  }

  Setting setting(ConfigKey key) {
    Setting setting = byName.get(key.name());
    if (setting == null) {
      throw new IllegalStateException("key not registered in LyttConfig.keys(): " + key.name());
    }
    return setting;
  }

  /** Records a problem that is not about one value's form, such as a rule between two keys. */
  void problem(ConfigKey key, String message) {
    problems.add(setting(key).describe() + ": " + message);
  }

  String text(ConfigKey key) {
    return setting(key).value().strip();
  }

  int integer(ConfigKey key, int min, int max) {
    return parsed(key, "an integer " + min + "-" + max, text -> {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new IllegalArgumentException();
      }
      return value;
    });
  }

  boolean bool(ConfigKey key) {
    return parsed(key, "true or false", text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException();
    });
  }

  /** An enum constant written in lower case, e.g. {@code production} for {@code PRODUCTION}. */
  <E extends Enum<E>> E choice(ConfigKey key, Class<E> type) {
    String names = Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    return parsed(key, "one of " + names, text -> {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text)) {
          return constant;
        }
      }
      throw new IllegalArgumentException();
    });
  }

  /** A comma-separated list, blanks dropped, each element parsed on its own. */
  <T> List<T> list(ConfigKey key, String expected, Function<String, T> element) {
    return parsed(key, expected, text -> Arrays.stream(text.split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(element).toList());
  }

  /**
   * Parses with {@code parser}; any runtime exception means invalid. The message of an
   * {@link IllegalArgumentException} is added to {@code expected}, because the hours parsers say
   * there which interval is wrong; parsers whose messages are noise throw one without a message.
   * A secret key never gets the detail, which might quote the value.
   */
  <T> T parsed(ConfigKey key, String expected, Function<String, T> parser) {
    Setting setting = setting(key);
    try {
      return parser.apply(setting.value().strip());
    } catch (RuntimeException e) {
      boolean explained = e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)
          && e.getMessage() != null && !key.secret();
      String detail = explained ? " (" + e.getMessage() + ")" : "";
      problems.invalid(setting, expected + detail);
      return parser.apply(key.defaultValue());
    }
  }
}
