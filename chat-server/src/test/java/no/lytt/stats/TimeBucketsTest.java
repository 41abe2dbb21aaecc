package no.lytt.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each band includes its lower bound and excludes its upper one; the last is open-ended. */
class TimeBucketsTest {

  @ParameterizedTest
  @CsvSource({"-5, wait.0-1m", "0, wait.0-1m", "59, wait.0-1m", "60, wait.1-5m", "299, wait.1-5m",
      "300, wait.5-15m", "899, wait.5-15m", "900, wait.15-30m", "1800, wait.30-60m", "3599, wait.30-60m",
      "3600, wait.60m+", "86400, wait.60m+"})
  void waits(long seconds, String key) {
    assertEquals(key, TimeBuckets.waitKey(Duration.ofSeconds(seconds)));
  }

  @ParameterizedTest
  @CsvSource({"0, duration.0-5m", "299, duration.0-5m", "300, duration.5-15m", "900, duration.15-30m",
      "1799, duration.15-30m", "1800, duration.30-60m", "3600, duration.60m+"})
  void chatLengths(long seconds, String key) {
    assertEquals(key, TimeBuckets.durationKey(Duration.ofSeconds(seconds)));
  }
}
