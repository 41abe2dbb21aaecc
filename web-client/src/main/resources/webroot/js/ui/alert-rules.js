// When the console should call the counsellor's attention, as plain rules over a clock the caller
// gives (tests move it; the console passes Date.now). No DOM here: alerts.js does the sound, the
// title and the desktop notification.
//
// An alert is due when a visitor joins the queue while the counsellor is on duty, or a visitor
// writes in a chat that is not in view (another tab, or the page hidden). It is due again, every
// `reminderMs`, while the longest-waiting visitor has waited longer than that (on duty only) or a
// visitor's message has stood unread longer than that.

export const DEFAULT_REMINDER_MS = 120 * 1000;

export class AlertRules {
  constructor({ now = () => Date.now(), reminderMs = DEFAULT_REMINDER_MS } = {}) {
    this.now = now;
    this.reminderMs = reminderMs;
    this.onDuty = false;
    this.queue = [];            // [{id, joinedAt}] with joinedAt on this clock
    this.seen = new Set();      // queue entry ids already alerted for
    this.unread = new Map();    // chatId → time of the first unread visitor message
    this.lastAlertAt = -Infinity;
  }

  setReminder(ms) {
    if (Number.isFinite(ms) && ms > 0) this.reminderMs = ms;
  }

  /** The queue as the server sent it; `offset` is server time − this clock. Returns 'queue' or null. */
  setQueue(entries, onDuty, offset = 0) {
    this.onDuty = onDuty;
    this.queue = entries.map((e) => ({ id: e.id, joinedAt: e.joinedAt - offset }));
    const fresh = this.queue.filter((e) => !this.seen.has(e.id));
    this.seen = new Set(this.queue.map((e) => e.id));
    return onDuty && fresh.length > 0 ? this.fire('queue') : null;
  }

  /** Off duty (or on a break) the queue does not call for anyone. */
  setDuty(onDuty) {
    this.onDuty = onDuty;
  }

  /** A visitor's message arrived; `inView` when its chat is the one shown on a visible page. */
  message(chatId, inView) {
    if (inView) return null;
    if (!this.unread.has(chatId)) this.unread.set(chatId, this.now());
    return this.fire('message');
  }

  /** The chat has been looked at, or is gone. */
  read(chatId) {
    this.unread.delete(chatId);
  }

  /** What the title counts: visitors waiting (on duty) and chats with unread messages. */
  count() {
    return (this.onDuty ? this.queue.length : 0) + this.unread.size;
  }

  /** Called every second or so: 'queue' or 'message' when a reminder is due, else null. */
  tick() {
    const now = this.now();
    if (now - this.lastAlertAt < this.reminderMs) return null;
    const oldestQueued = this.onDuty && this.queue.length ? Math.min(...this.queue.map((e) => e.joinedAt)) : null;
    if (oldestQueued !== null && now - oldestQueued >= this.reminderMs) return this.fire('queue');
    const oldestUnread = this.unread.size ? Math.min(...this.unread.values()) : null;
    if (oldestUnread !== null && now - oldestUnread >= this.reminderMs) return this.fire('message');
    return null;
  }

  reset() {
    this.onDuty = false;
    this.queue = [];
    this.seen.clear();
    this.unread.clear();
    this.lastAlertAt = -Infinity;
  }

  fire(reason) {
    this.lastAlertAt = this.now();
    return reason;
  }
}

/** "(2) Lytt – console", or the plain title when nothing waits. */
export function titleWith(count, base) {
  return count > 0 ? `(${count}) ${base}` : base;
}
