package no.lytt.stats;

/**
 * Anonymous daily counters: numbers only, never who. These are what the service's evaluation is
 * built from (contacts offered, answered, abandoned; callbacks and tickets).
 */
public enum Counter {
  CONTACTS_OFFERED("contacts.offered"),
  CONTACTS_ANSWERED("contacts.answered"),
  CONTACTS_ABANDONED("contacts.abandoned"),
  CHATS_COMPLETED("chats.completed"),
  CHATS_REJECTED("chats.rejected"),
  CHATS_TIMED_OUT("chats.timed-out"),
  /** A running chat handed to a colleague: one contact still, counted once as answered. */
  CHATS_TRANSFERRED("chats.transferred"),
  CALLBACKS_REQUESTED("callbacks.requested"),
  CALLBACKS_COMPLETED("callbacks.completed"),
  CALLBACKS_FAILED("callbacks.failed"),
  CALLBACKS_EXPIRED("callbacks.expired"),
  CALLBACKS_CANCELLED("callbacks.cancelled"),
  TICKETS_TAKEN("tickets.taken"),
  TICKETS_SERVED("tickets.served"),
  TICKETS_RELEASED("tickets.released");

  private final String key;

  Counter(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
