package no.lytt.logging;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, except that it never resets. The standard one resets (removes every
 * handler) from a shutdown hook of its own, which races with Lytt's drain on SIGTERM: the lines
 * saying how the drain went would be lost. Lytt configures logging once, in code, so a reset is
 * never wanted. Selected by {@code java.util.logging.manager}, which {@code Main} sets first thing.
 */
public final class DrainSafeLogManager extends LogManager {
  @Override
  public void reset() {
    // Handlers stay until the process exits; the console handler flushes every record anyway.
  }
}
