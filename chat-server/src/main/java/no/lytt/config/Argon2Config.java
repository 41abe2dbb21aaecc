package no.lytt.config;

import java.util.List;

/**
 * Argon2id cost for counsellor and administrator passwords, and how many hashes run at once.
 *
 * <p>The defaults were measured (docs/operations.md, "Password hashing"): about half a second per
 * hash on a two-core server, with 128 MiB, which makes each guess at a stolen hash expensive in
 * both time and memory while a counsellor barely notices at log-in. Development accepts down to
 * the RFC's minimum (8 KiB per lane) so tests hash quickly; production refuses anything cheaper
 * than OWASP's lowest recommended setting ({@value #PRODUCTION_MIN_MEMORY_KIB} KiB and two passes,
 * or the same memory-time product with more memory and fewer passes).
 *
 * @param memoryKib {@code argon2.memory-kib}
 * @param iterations {@code argon2.iterations}
 * @param parallelism {@code argon2.parallelism}
 * @param workers {@code argon2.workers}: hashes computed at once on one node
 */
public record Argon2Config(int memoryKib, int iterations, int parallelism, int workers) {

  static final int PRODUCTION_MIN_MEMORY_KIB = 19456;
  static final long PRODUCTION_MIN_COST = 2L * PRODUCTION_MIN_MEMORY_KIB;

  static final ConfigKey MEMORY_KIB = ConfigKey.of("argon2.memory-kib", "131072",
      "Argon2id memory per password hash in KiB (at least 8 per lane, at most 4194304; production "
          + "requires " + PRODUCTION_MIN_MEMORY_KIB + " or more). Each hash being computed holds this much, "
          + "up to argon2.workers at once.");
  static final ConfigKey ITERATIONS = ConfigKey.of("argon2.iterations", "4",
      "Argon2id passes over memory (1-100). Production requires memory-kib x iterations of at least "
          + PRODUCTION_MIN_COST + ".");
  static final ConfigKey PARALLELISM = ConfigKey.of("argon2.parallelism", "1",
      "Argon2id lanes (1-64). Bouncy Castle computes the lanes one after another, so more lanes add no "
          + "speed; the value is part of every stored hash.");
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
    } else if (mode == LyttConfig.Mode.PRODUCTION && (long) argon2.memoryKib * argon2.iterations < PRODUCTION_MIN_COST) {
      settings.problem(ITERATIONS, "memory-kib x iterations must be at least " + PRODUCTION_MIN_COST
          + " in production (argon2.memory-kib = " + argon2.memoryKib + ")");
    }
    return argon2;
  }
}
