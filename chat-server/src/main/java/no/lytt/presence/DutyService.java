package no.lytt.presence;

import io.vertx.core.Future;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/** Going on and off duty. Off duty stops new visitors; chats already running continue. */
public final class DutyService {
  private final Store store;
  private final int maxCapacity;

  public DutyService(Store store, int maxCapacity) {
    this.store = store;
    this.maxCapacity = maxCapacity;
  }

  public Future<Duty> set(String username, boolean on, int capacity) {
    if (on && (capacity < 1 || capacity > maxCapacity)) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME,
          "Capacity must be between 1 and " + maxCapacity + "."));
    }
    Duty duty = on ? new Duty(username, true, capacity) : Duty.off(username);
    return store.setDuty(duty).map(duty);
  }

  public Future<Duty> get(String username) {
    return store.duty(username);
  }

  public int maxCapacity() {
    return maxCapacity;
  }
}
