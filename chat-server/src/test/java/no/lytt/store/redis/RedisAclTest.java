package no.lytt.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A production Redis runs with {@code ops/redis/users.acl}, which grants Lytt only the commands it
 * uses: a script calling one more fails there with NOPERM, and nowhere else. Every command any
 * script calls must be granted.
 */
class RedisAclTest {
  private static final Path ACL = Path.of("..", "ops", "redis", "users.acl");
  private static final Path SCRIPTS = Path.of("src", "main", "resources", "redis");
  private static final Pattern CALL = Pattern.compile("redis\\.(?:p?call)\\('([A-Za-z]+)'");

  @Test
  void everyCommandAScriptCallsIsGrantedToLyttsUser() throws IOException {
    Set<String> granted = Files.readAllLines(ACL).stream().filter(l -> l.startsWith("user lytt "))
        .flatMap(l -> Arrays.stream(l.split(" "))).filter(w -> w.startsWith("+"))
        .map(w -> w.substring(1).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      for (Path script : files.filter(p -> p.toString().endsWith(".lua")).toList()) {
        Matcher m = CALL.matcher(Files.readString(script));
        while (m.find()) {
          String command = m.group(1).toLowerCase(Locale.ROOT);
          if (!granted.contains(command)) {
            missing.add(command + " (" + script.getFileName() + ")");
          }
        }
      }
    }
    assertEquals(Set.of(), missing, "add these to ops/redis/users.acl");
  }
}
