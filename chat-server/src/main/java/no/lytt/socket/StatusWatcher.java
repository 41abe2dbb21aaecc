package no.lytt.socket;

import io.vertx.core.Vertx;
import no.lytt.protocol.Frames;
import no.lytt.queue.ServiceStatus;

/**
 * Tells every connected visitor when the service opens or closes, so an open page follows without a
 * reload. Checks every {@code hours.check-millis} (a few seconds by default): opening hours change on
 * the minute, so that is prompt enough, and the check is one comparison against the clock.
 */
public final class StatusWatcher {
  private final Vertx vertx;
  private final ServiceStatus status;
  private final LocalClients clients;
  private final long periodMs;
  private boolean lastOpen;
  private long timer = -1;

  public StatusWatcher(Vertx vertx, ServiceStatus status, LocalClients clients, long periodMs) {
    this.vertx = vertx;
    this.status = status;
    this.clients = clients;
    this.periodMs = periodMs;
  }

  public void start() {
    lastOpen = status.isOpen();
    timer = vertx.setPeriodic(periodMs, t -> check());
  }

  private void check() {
    boolean open = status.isOpen();
    if (open != lastOpen) {
      lastOpen = open;
      status.summary().onSuccess(s -> clients.toAllVisitors(Frames.of("status").put("status", s)));
    }
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
