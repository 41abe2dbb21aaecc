package no.lytt.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the configuration file: {@code key = value} lines, {@code #} comment lines, blank lines.
 *
 * <p>Deliberately simpler than {@link java.util.Properties}: no escapes, no continuation lines, no
 * {@code :} separator, no trailing comments — a value runs to the end of its line, so a Redis
 * password containing {@code #} or {@code \} arrives intact. What Properties would silently accept
 * (a repeated key, a line without {@code =}) is reported with its line number.
 */
final class PropertiesFile {

  /** One {@code key = value} line. */
  record Entry(String key, String value, int line) {
  }

  private PropertiesFile() {
  }

  /** The entries in file order; problems (unreadable file, malformed line) go to {@code problems}. */
  static List<Entry> read(Path path, Problems problems) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add("config file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        // The line is not echoed: a malformed line may well hold a secret.
        problems.add(path + " line " + (i + 1) + ": expected key = value");
        continue;
      }
      entries.add(new Entry(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), i + 1));
    }
    return entries;
  }
}
