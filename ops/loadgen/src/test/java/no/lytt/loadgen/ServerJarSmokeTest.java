package no.lytt.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator against the server's own jar, started as in production (how an AOT cache is
 * trained for that jar): the bench counsellors written into Redis by a seeded node first, then a
 * short queue churn in which every visitor is served once. Correctness only, never a timing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerJarSmokeTest {
  private static final Path JAR = Path.of("../../chat-server/target/lytt-chat-server.jar");

  @Test
  void aNodeFromTheServersJarServesEveryVisitorOfAChurnOnce() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "the server's jar is built before the load generator is tested: " + JAR);
    Path dir = Path.of("target/smoke-jar-run");
    // Logs are appended to: an earlier run's must not pass for this one's.
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    Report report = Main.run(Settings.parse("scenario=churn", "join-rate=10", "duration=2", "warmup=1",
        "rt-seconds=1", "counsellors=2", "capacity=2", "server-heap=256m", "dir=" + dir,
        "node-jar=" + JAR.toAbsolutePath().normalize()));

    Map<String, Object> row = report.rows().get(0);
    assertEquals(20L, ((Number) row.get("joins")).longValue());
    assertEquals(20L, ((Number) row.get("first_messages")).longValue(), "every visitor greeted: " + row);
    assertEquals(0L, ((Number) row.get("double_assignments")).longValue());
    assertTrue(Files.exists(dir.resolve("seed0.log")), "the accounts came from a seeded node run first");
    assertTrue(Files.readString(dir.resolve("lytt0.log")).contains("Lytt listening"), "the jar's node started");
  }
}
