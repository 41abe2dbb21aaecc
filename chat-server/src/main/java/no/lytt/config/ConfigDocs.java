package no.lytt.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code ops/lytt.conf.example} from {@link LyttConfig#keys()}, so the example cannot drift
 * from the code: a test compares the checked-in file with this output. Regenerate with
 * {@code java -cp chat-server/target/classes no.lytt.config.ConfigDocs > ops/lytt.conf.example}.
 */
public final class ConfigDocs {

  private static final int WIDTH = 100;

  private ConfigDocs() {
  }

  public static void main(String[] args) {
    System.out.print(example());
  }

  /** The example file: a header, then every key commented out with its description, env var and default. */
  public static String example() {
    StringBuilder out = new StringBuilder();
    out.append("""
        # Lytt configuration (generated from no.lytt.config.LyttConfig.keys(); do not edit by hand)
        #
        # Point LYTT_CONFIG at a copy of this file. Every key is optional and shown commented out with
        # its default. Every key can also be set by the environment variable named above it, which wins
        # over this file. Lines are "key = value"; a line starting with # is a comment. A value runs to
        # the end of its line: no quotes, escapes or trailing comments. An unknown key stops the server,
        # so a typo cannot leave a default silently in force.
        """);
    String area = "";
    for (ConfigKey key : LyttConfig.keys()) {
      String keyArea = key.name().contains(".") ? key.name().substring(0, key.name().indexOf('.')) : key.name();
      if (!keyArea.equals(area) && !(area.equals("store") && keyArea.equals("redis"))) {
        out.append("\n# ---- ").append(keyArea).append(" ----\n");
        area = keyArea;
      }
      out.append('\n');
      for (String line : wrap(key.description(), WIDTH - 2)) {
        out.append("# ").append(line).append('\n');
      }
      out.append("# env: ").append(key.envName()).append('\n');
      out.append('#').append(key.name()).append(" =")
          .append(key.defaultValue().isEmpty() ? "" : " " + key.defaultValue()).append('\n');
    }
    return out.toString();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
