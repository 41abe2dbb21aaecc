package no.lytt.stats;

/**
 * Anonymous daily counters: numbers only, never who. These are what the service's evaluation is
 * built from (contacts offered, answered, abandoned).
 */
public enum Counter {
  CONTACTS_OFFERED("contacts.offered"),
  CONTACTS_ANSWERED("contacts.answered"),
  CONTACTS_ABANDONED("contacts.abandoned"),
  CHATS_COMPLETED("chats.completed"),
  CHATS_REJECTED("chats.rejected"),
  CHATS_TIMED_OUT("chats.timed-out");

  private final String key;

  Counter(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
