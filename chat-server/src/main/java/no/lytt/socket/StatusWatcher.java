package no.lytt.socket;

import io.vertx.core.Vertx;
import java.util.Optional;
import no.lytt.hours.HoursEditor;
import no.lytt.protocol.Frames;
import no.lytt.queue.ServiceStatus;

/**
 * Tells every connected visitor when the service opens or closes, so an open page follows without a
 * reload. Checks every {@code hours.check-millis} (a few seconds by default): opening hours change on
 * the minute, so that is prompt enough. Each check first follows an administrator's edit of the
 * hours (one short read of its version from the store), so every node tells its own visitors
 * within that time; an edit that changes the next opening without opening or closing the line is
 * sent too, since the page shows that time.
 */
public final class StatusWatcher {
  private final Vertx vertx;
  private final ServiceStatus status;
  private final HoursEditor hours;
  private final LocalClients clients;
  private final long periodMs;
  private boolean lastOpen;
  private Optional<String> lastVersion;
  private long timer = -1;

  public StatusWatcher(Vertx vertx, ServiceStatus status, HoursEditor hours, LocalClients clients, long periodMs) {
    this.vertx = vertx;
    this.status = status;
    this.hours = hours;
    this.clients = clients;
    this.periodMs = periodMs;
  }

  public void start() {
    lastOpen = status.isOpen();
    lastVersion = hours.hours().version();
    timer = vertx.setPeriodic(periodMs, t -> check());
  }

  /** A store that cannot be read now leaves the hours as they were; the next check tries again. */
  private void check() {
    hours.follow().otherwiseEmpty().onComplete(followed -> {
      boolean open = status.isOpen();
      Optional<String> version = hours.hours().version();
      if (open != lastOpen || !version.equals(lastVersion)) {
        lastOpen = open;
        lastVersion = version;
        status.summary().onSuccess(s -> clients.toAllVisitors(Frames.of("status").put("status", s)));
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
