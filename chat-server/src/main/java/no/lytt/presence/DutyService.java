package no.lytt.presence;

import io.vertx.core.Future;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/**
 * Going on duty, on a break and off duty. A break stops new visitors while running chats
 * continue; off duty is for when nothing is running, so no chat is left without its counsellor.
 */
public final class DutyService {
  private final Store store;
  private final int maxCapacity;

  public DutyService(Store store, int maxCapacity) {
    this.store = store;
    this.maxCapacity = maxCapacity;
  }

  /**
   * @param openChats how many chats the counsellor has open; off duty is refused while any is
   */
  public Future<Duty> set(String username, Duty.Status status, int capacity, int openChats) {
    if (status != Duty.Status.OFF && (capacity < 1 || capacity > maxCapacity)) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME,
          "Capacity must be between 1 and " + maxCapacity + "."));
    }
    if (status == Duty.Status.OFF && openChats > 0) {
      return Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE,
          "End your chats before going off duty, or take a break: no new visitors, your chats go on."));
    }
    Duty duty = status == Duty.Status.OFF ? Duty.off(username) : new Duty(username, status, capacity);
    return store.setDuty(duty).map(duty);
  }

  /** Off duty whatever is running: for a console that did not come back, whose chats have ended. */
  public Future<Duty> leave(String username) {
    return store.setDuty(Duty.off(username)).map(Duty.off(username));
  }

  public Future<Duty> get(String username) {
    return store.duty(username);
  }

  public int maxCapacity() {
    return maxCapacity;
  }
}
