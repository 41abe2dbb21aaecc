package no.lytt.metrics;

import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandSucceededEvent;

/**
 * Lettuce's per-command events turned into {@code lytt_redis_command_*}. Only the command's name
 * (GET, EVALSHA, …) is used as a label: keys and arguments hold ids and hashes and never leave here.
 */
public final class RedisCommandMetrics implements CommandListener {
  private final LyttMetrics metrics;

  public RedisCommandMetrics(LyttMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void commandSucceeded(CommandSucceededEvent event) {
    metrics.redisLatency.observeNanos(event.getDuration().toNanos());
  }

  @Override
  public void commandFailed(CommandFailedEvent event) {
    metrics.redisErrors.inc(event.getCommand().getType().toString());
  }
}
