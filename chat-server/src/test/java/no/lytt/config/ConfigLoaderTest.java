package no.lytt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private Path file(String... lines) throws IOException {
    return Files.write(dir.resolve("lytt.conf"), List.of(lines));
  }

  @Test
  void readsKeyValueLinesCommentsAndBlankLines() throws IOException {
    Path path = file(
        "# a comment",
        "",
        "   # an indented comment",
        "http.port = 9090",
        "http.public-origin=https://Lytt.Example.no/",
        "  hours.weekly =  fri=18:00-23:00  ",
        "redis.uri = redis://:p#ss=word@redis:6379");
    LyttConfig config = ConfigLoader.load(Map.of(), Optional.of(path));
    assertEquals(9090, config.http().port());
    assertEquals("https://lytt.example.no", config.http().publicOrigin());
    assertEquals("fri=18:00-23:00", config.hours().weekly().toString());
    assertEquals("redis://:p#ss=word@redis:6379", config.store().redisUri());
  }

  @Test
  void environmentWinsOverFileAndFileOverDefaults() throws IOException {
    Path path = file("http.port = 9090", "http.host = 127.0.0.1");
    LyttConfig config = ConfigLoader.load(Map.of("LYTT_HTTP_PORT", "7070"), Optional.of(path));
    assertEquals(7070, config.http().port());
    assertEquals("127.0.0.1", config.http().host());
    assertEquals(40, config.limits().burst());
  }

  @Test
  void environmentNamesUseUnderscoresForDotsAndDashes() {
    LyttConfig config = ConfigLoader.load(Map.of(
        "LYTT_HOURS_OVERRIDE", "open",
        "LYTT_HTTP_PUBLIC_ORIGIN", "https://lytt.example.no",
        "LYTT_CHAT_DEFAULT_DURATION_MINUTES", "35",
        "LYTT_HTTP_BEHIND_TLS", "TRUE"), Optional.empty());
    assertEquals(no.lytt.hours.Override.OPEN, config.hours().override());
    assertEquals("https://lytt.example.no", config.http().publicOrigin());
    assertEquals(35, config.chat().defaultDuration().toMinutes());
    assertTrue(config.http().behindTls());
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored() {
    LyttConfig config = ConfigLoader.load(Map.of("LYTT_HTTP_PROT", "x", "PATH", "/bin", "LYTT_CONFIG", "/nowhere"),
        Optional.empty());
    assertEquals(LyttConfig.defaults(), config);
  }

  @Test
  void configPathComesFromLyttConfig() throws IOException {
    Path path = file("limits.burst = 80");
    assertEquals(80, ConfigLoader.fromEnvironment(Map.of("LYTT_CONFIG", path.toString())).limits().burst());
    assertEquals(40, ConfigLoader.fromEnvironment(Map.of()).limits().burst());
  }

  @Test
  void unknownFileKeyIsRejectedWithASuggestion() throws IOException {
    Path path = file("htp.port = 9090");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Optional.of(path)));
    assertEquals("Invalid configuration: unknown key \"htp.port\" (" + path + " line 1); did you mean http.port?",
        e.getMessage());
  }

  @Test
  void unknownKeyFarFromAnyKnownOneGetsNoSuggestion() throws IOException {
    Path path = file("colour = blue");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Optional.of(path)));
    assertEquals("Invalid configuration: unknown key \"colour\" (" + path + " line 1)", e.getMessage());
  }

  @Test
  void repeatedKeyAndMalformedLineAreRejected() throws IOException {
    Path path = file("http.port = 1", "http.port = 2", "redis.uri: redis://:secret@host");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Optional.of(path)));
    // Lines that are not key = value at all are found while reading, before any key is checked.
    assertEquals(List.of(
        path + " line 3: expected key = value",
        "http.port (" + path + " line 2) is already set on line 1"), e.problems());
    assertTrue(!e.getMessage().contains("secret"));
  }

  @Test
  void missingFileIsAnError() {
    Path missing = dir.resolve("absent.conf");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Optional.of(missing)));
    assertTrue(e.getMessage().contains(missing + " cannot be read"), e.getMessage());
  }

  @Test
  void theGeneratedExampleIsAValidFileOfDefaults() throws IOException {
    String uncommented = ConfigDocs.example().lines()
        .filter(line -> line.matches("#[a-z0-9.-]+ =.*"))
        .map(line -> line.substring(1))
        .reduce("", (a, b) -> a + b + "\n");
    Path path = Files.writeString(dir.resolve("all.conf"), uncommented);
    assertEquals(LyttConfig.defaults(), ConfigLoader.load(Map.of(), Optional.of(path)));
  }
}
