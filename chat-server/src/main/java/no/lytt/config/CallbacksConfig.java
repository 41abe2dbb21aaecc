package no.lytt.config;

import java.time.Duration;
import java.util.List;

/**
 * Callbacks and out-of-hours tickets.
 *
 * @param expiryDays {@code callbacks.expiry-days}: a callback request is deleted this long after it
 *     was made, whatever happened to it
 * @param maxAttempts {@code callbacks.max-attempts}: unanswered calls before a callback is given up
 * @param retryMinutes {@code callbacks.retry-minutes}: the earliest next try after no answer
 * @param claimMinutes {@code callbacks.claim-minutes}: how long a claim keeps other counsellors off
 * @param ticketClaimMinutes {@code tickets.claim-minutes}: a ticket's place is released when it is
 *     not used this long after the opening it waited for
 * @param codeFailuresPerHour {@code limits.code-failures-per-hour}: lookups of unknown codes one
 *     source may make per hour before it is refused for a while
 */
public record CallbacksConfig(int expiryDays, int maxAttempts, int retryMinutes, int claimMinutes,
                              int ticketClaimMinutes, int codeFailuresPerHour, int requestsPerHour) {

  static final ConfigKey EXPIRY_DAYS = ConfigKey.of("callbacks.expiry-days", "7",
      "Days after which a callback request and its sealed phone number are deleted, called or not.");
  static final ConfigKey MAX_ATTEMPTS = ConfigKey.of("callbacks.max-attempts", "3",
      "Unanswered calls after which a callback is given up and its sealed contents deleted.");
  static final ConfigKey RETRY_MINUTES = ConfigKey.of("callbacks.retry-minutes", "60",
      "Minutes after an unanswered call before the callback is due again.");
  static final ConfigKey CLAIM_MINUTES = ConfigKey.of("callbacks.claim-minutes", "30",
      "Minutes a counsellor's claim on a callback keeps it from the others; after that anyone may claim it.");
  static final ConfigKey TICKET_CLAIM_MINUTES = ConfigKey.of("tickets.claim-minutes", "30",
      "Minutes after the next opening during which a ticket holds its place in the queue; then it is released.");
  static final ConfigKey CODE_FAILURES_PER_HOUR = ConfigKey.of("limits.code-failures-per-hour", "20",
      "Lookups of unknown callback or ticket codes one source may make per hour (counted per node, "
          + "under a salted hash kept in memory) before it is refused until the hour is over.");
  static final ConfigKey REQUESTS_PER_HOUR = ConfigKey.of("limits.requests-per-source-per-hour", "10",
      "Callbacks and tickets one source (an address, or an IPv6 /64) may ask for per hour on one node "
          + "(1-100000); beyond it the answer is 429 too_many_attempts. Keeps a flood from filling the "
          + "team's list; raise it if many visitors share one address (a workplace, a carrier's NAT).");
  static final List<ConfigKey> KEYS = List.of(EXPIRY_DAYS, MAX_ATTEMPTS, RETRY_MINUTES, CLAIM_MINUTES,
      TICKET_CLAIM_MINUTES, CODE_FAILURES_PER_HOUR, REQUESTS_PER_HOUR);

  static CallbacksConfig read(Settings settings) {
    return new CallbacksConfig(settings.integer(EXPIRY_DAYS, 1, 90), settings.integer(MAX_ATTEMPTS, 1, 20),
        settings.integer(RETRY_MINUTES, 1, 24 * 60), settings.integer(CLAIM_MINUTES, 1, 24 * 60),
        settings.integer(TICKET_CLAIM_MINUTES, 1, 24 * 60), settings.integer(CODE_FAILURES_PER_HOUR, 1, 100_000),
        settings.integer(REQUESTS_PER_HOUR, 1, 100_000));
  }

  public Duration expiry() {
    return Duration.ofDays(expiryDays);
  }

  public Duration retry() {
    return Duration.ofMinutes(retryMinutes);
  }

  public Duration claim() {
    return Duration.ofMinutes(claimMinutes);
  }

  public Duration ticketClaim() {
    return Duration.ofMinutes(ticketClaimMinutes);
  }
}
