package no.lytt.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link LyttConfig} from defaults, an optional file and the environment, in rising
 * precedence: a container can override one key of a mounted file without editing it.
 *
 * <p>An unknown key in the file is an error, because a misspelt key would otherwise leave the
 * default silently in force. Environment variables that match no key are ignored: the environment
 * is shared with everything else in the process and cannot be policed.
 */
public final class ConfigLoader {

  /** The variable holding the path of the configuration file. */
  public static final String CONFIG_PATH_ENV = "LYTT_CONFIG";

  private ConfigLoader() {
  }

  /** Loads with the file named by {@code LYTT_CONFIG}, if set and not blank. */
  public static LyttConfig fromEnvironment(Map<String, String> env) {
    String path = env.getOrDefault(CONFIG_PATH_ENV, "");
    return load(env, path.isBlank() ? Optional.empty() : Optional.of(Path.of(path.strip())));
  }

  /**
   * @param env the process environment (a map, so tests pass their own)
   * @param file the configuration file, if any; a missing or unreadable file is an error
   * @throws ConfigException listing every problem found
   */
  public static LyttConfig load(Map<String, String> env, Optional<Path> file) {
    Problems problems = new Problems();
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (ConfigKey key : LyttConfig.keys()) {
      settings.put(key.name(), Setting.byDefault(key));
    }
    file.ifPresent(path -> readFile(path, settings, problems));
    for (ConfigKey key : LyttConfig.keys()) {
      String value = env.get(key.envName());
      if (value != null) {
        settings.put(key.name(), new Setting(key, value, "env " + key.envName()));
      }
    }
    LyttConfig config = LyttConfig.read(new Settings(settings, problems));
    problems.throwIfAny();
    return config;
  }

  private static void readFile(Path path, Map<String, Setting> settings, Problems problems) {
    Map<String, Integer> seenAt = new HashMap<>();
    for (PropertiesFile.Entry entry : PropertiesFile.read(path, problems)) {
      String where = path + " line " + entry.line();
      Setting current = settings.get(entry.key());
      if (current == null) {
        String hint = Suggestions.closest(entry.key(), settings.keySet()).map(k -> "; did you mean " + k + "?").orElse("");
        problems.add("unknown key \"" + entry.key() + "\" (" + where + ")" + hint);
      } else if (seenAt.containsKey(entry.key())) {
        problems.add(entry.key() + " (" + where + ") is already set on line " + seenAt.get(entry.key()));
      } else {
        seenAt.put(entry.key(), entry.line());
        settings.put(entry.key(), new Setting(current.key(), entry.value(), where));
      }
    }
  }
}
