package no.lytt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  /** Surefire runs in the module directory; the example lives in the repository's ops/. */
  private static final Path EXAMPLE = Path.of("..", "ops", "lytt.conf.example");

  @Test
  void checkedInExampleMatchesTheKeys() throws IOException {
    assertEquals(ConfigDocs.example(), Files.readString(EXAMPLE),
        "ops/lytt.conf.example is stale; regenerate it with no.lytt.config.ConfigDocs");
  }

  @Test
  void exampleListsEveryKeyWithItsEnvironmentVariableAndDefault() {
    String example = ConfigDocs.example();
    for (ConfigKey key : LyttConfig.keys()) {
      String defaultPart = key.defaultValue().isEmpty() ? "" : " " + key.defaultValue();
      assertTrue(example.contains("# env: " + key.envName() + "\n#" + key.name() + " =" + defaultPart + "\n"), key.name());
    }
  }
}
