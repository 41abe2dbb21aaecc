package no.lytt.config;

import java.util.List;

/**
 * The configuration cannot be used; the message lists every problem at once so an operator fixes
 * them in one round instead of one restart per typo.
 *
 * <p>No stack trace is recorded: this is an expected refusal at start-up, and the trace would only
 * bury the message that says which key to fix.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super(format(problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its key and what was expected. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.size() == 1) {
      return "Invalid configuration: " + problems.get(0);
    }
    return "Invalid configuration (" + problems.size() + " problems):\n  - " + String.join("\n  - ", problems);
  }
}
