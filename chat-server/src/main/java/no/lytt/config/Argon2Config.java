package no.lytt.config;

import java.util.List;

/**
 * Argon2id cost for counsellor and administrator passwords, and how many hashes run at once. The
 * defaults follow RFC 9106's second recommended option (64 MiB, 3 passes); the bounds stop a typo from making hashing trivial or
 * from letting a few login attempts exhaust the worker pool. Development accepts down to the
 * RFC's minimum (8 KiB per lane) so tests hash quickly; production refuses less than
 * {@value #PRODUCTION_MIN_MEMORY_KIB} KiB.
 *
 * @param memoryKib {@code argon2.memory-kib}
 * @param iterations {@code argon2.iterations}
 * @param parallelism {@code argon2.parallelism}
 * @param workers {@code argon2.workers}: hashes computed at once on one node
 */
public record Argon2Config(int memoryKib, int iterations, int parallelism, int workers) {

  static final int PRODUCTION_MIN_MEMORY_KIB = 8192;

  static final ConfigKey MEMORY_KIB = ConfigKey.of("argon2.memory-kib", "65536",
      "Argon2id memory per password hash in KiB (at least 8 per lane, at most 4194304; production "
          + "requires 8192 or more). Every login attempt holds this much "
          + "while it hashes, so size it against concurrent logins and the worker pool.");
  static final ConfigKey ITERATIONS = ConfigKey.of("argon2.iterations", "3",
      "Argon2id passes over memory (1-100).");
  static final ConfigKey PARALLELISM = ConfigKey.of("argon2.parallelism", "1",
      "Argon2id lanes (1-64). Hashing runs on worker threads, so more lanes mainly cost threads.");
  static final ConfigKey WORKERS = ConfigKey.of("argon2.workers", "2",
      "Password hashes computed at once on one node (1-64); further log-ins wait their turn. Bounds the "
          + "memory (workers x memory-kib) and cores a burst of log-in attempts can take from the chats.");
  static final List<ConfigKey> KEYS = List.of(MEMORY_KIB, ITERATIONS, PARALLELISM, WORKERS);

  static Argon2Config read(Settings settings, LyttConfig.Mode mode) {
    Argon2Config argon2 = new Argon2Config(
        settings.integer(MEMORY_KIB, 8, 4 * 1024 * 1024),
        settings.integer(ITERATIONS, 1, 100),
        settings.integer(PARALLELISM, 1, 64),
        settings.integer(WORKERS, 1, 64));
    if (argon2.memoryKib < 8 * argon2.parallelism) {
      settings.problem(MEMORY_KIB, "must be at least 8 KiB per lane (argon2.parallelism = " + argon2.parallelism + ")");
    } else if (mode == LyttConfig.Mode.PRODUCTION && argon2.memoryKib < PRODUCTION_MIN_MEMORY_KIB) {
      settings.problem(MEMORY_KIB, "must be at least " + PRODUCTION_MIN_MEMORY_KIB
          + " in production; smaller values are for tests");
    }
    return argon2;
  }
}
