package no.lytt.accounts;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.text.Normalizer;
import java.util.Optional;

/**
 * Password hashing on its own small worker pool, and the rules a new password must meet.
 *
 * <p>The pool ({@code argon2.workers} threads) bounds what log-in traffic can take: at most that
 * many hashes run at once, each holding {@code argon2.memory-kib}, whatever the number of
 * requests; the rest wait their turn without holding memory. The event loops and the general
 * worker pool stay free for chats.
 *
 * <p>An unknown name is checked against a decoy hash made with the same parameters, so a wrong
 * name costs as long as a wrong password and timing does not tell which names exist.
 */
public final class Passwords {
  /** Shortest new password, in characters (Unicode code points after NFC). */
  public static final int MIN_LENGTH = 12;
  /** Longest password accepted at all: hashing is cheap in length, but nobody types more. */
  public static final int MAX_LENGTH = 1024;

  private final WorkerExecutor workers;
  private final PasswordHasher hasher;
  private final Future<String> decoy;

  public Passwords(WorkerExecutor workers, PasswordHasher hasher) {
    this.workers = workers;
    this.hasher = hasher;
    this.decoy = workers.executeBlocking(() -> hasher.hash("decoy-password-never-used".toCharArray()), false);
  }

  public Future<String> hash(char[] password) {
    return workers.executeBlocking(() -> hasher.hash(password), false);
  }

  /** Whether {@code password} matches {@code stored}; with no stored hash, a decoy is checked and false returned. */
  public Future<Boolean> verify(String password, Optional<String> stored) {
    Future<String> hash = stored.map(Future::succeededFuture).orElse(decoy);
    return hash.compose(h -> workers.executeBlocking(() -> hasher.verify(password.toCharArray(), h), false))
        .map(ok -> ok && stored.isPresent());
  }

  /**
   * Why {@code next} cannot replace {@code current}, or empty when it can: at least
   * {@value #MIN_LENGTH} characters, at most {@value #MAX_LENGTH}, and not the current password.
   * Length is what makes a password hard to guess; composition rules mostly make it hard to
   * remember, so there are none (NIST SP 800-63B).
   */
  public static Optional<String> weakness(String next, String current) {
    String normalized = Normalizer.normalize(next, Normalizer.Form.NFC);
    int length = normalized.codePointCount(0, normalized.length());
    if (length < MIN_LENGTH) {
      return Optional.of("The new password must have at least " + MIN_LENGTH + " characters.");
    }
    if (next.length() > MAX_LENGTH) {
      return Optional.of("The new password must have at most " + MAX_LENGTH + " characters.");
    }
    if (normalized.equals(Normalizer.normalize(current, Normalizer.Form.NFC))) {
      return Optional.of("The new password must differ from the current one.");
    }
    return Optional.empty();
  }
}
