// One conversation on screen: the message log, the typing line, the composer ("Message" + "Send")
// and "End chat". Used by the visitor page (one) and the console (one per chat).
//
// The view knows nothing about sockets or keys: it calls back `send(text)` (which resolves to
// the envelope's seq once sealed), `typing()` and `end()`, and is told about deliveries.
// Every text it shows is kept as {key, params} so a language switch redraws it.

import { formatClock, t } from '../i18n/index.js';
import { enterToSend, h } from './dom.js';

/** How long "… is writing" stays after the last typing signal (the peer re-sends every 3 s). */
export const TYPING_SHOWN_MS = 5000;
/** docs/crypto.md: text ≤ 4000 characters. */
const MAX_CHARS = 4000;

let counter = 0;

export class ChatView {
  /**
   * @param {object} o
   * @param {() => string} o.peerName           who the other side is, in the current language
   * @param {string} o.typingKey                i18n key of "… is writing", gets {name}
   * @param {(text: string) => Promise<number>} o.send
   * @param {() => void} o.typing
   * @param {() => void} o.end
   */
  constructor({ peerName, typingKey, send, typing, end }) {
    const id = `chat-${++counter}`;
    Object.assign(this, { typingKey, onSend: send, onTyping: typing, onEnd: end });
    // Who the peer is, shared by every line shown while they are; a hand-over starts a new era so
    // the lines before it keep the first counsellor's name.
    this.era = { name: peerName };
    this.items = [];       // [{el, render()}] in order, for language switches
    this.mine = [];        // [{seq, setState}] own messages not yet delivered
    this.typingTimer = null;
    this.ended = false;

    this.log = h('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', tabindex: '0', 'aria-labelledby': `${id}-loglabel` });
    this.logLabel = h('h3', { id: `${id}-loglabel`, class: 'visually-hidden' });
    this.typingLine = h('p', { class: 'typing', 'aria-live': 'polite' });
    this.textarea = h('textarea', { id: `${id}-text`, name: 'message', rows: '3', maxlength: String(MAX_CHARS), 'aria-describedby': `${id}-hint`, autocomplete: 'off' });
    this.label = h('label', { for: `${id}-text` });
    this.hint = h('p', { id: `${id}-hint`, class: 'hint' });
    this.sendButton = h('button', { type: 'submit', class: 'primary' });
    this.endButton = h('button', { type: 'button', class: 'secondary', onclick: () => this.onEnd() });
    this.form = h('form', { class: 'composer', method: 'dialog' },
      this.label, this.textarea, this.hint,
      h('div', { class: 'composer-actions' }, this.sendButton, this.endButton));
    this.root = h('div', { class: 'chat' }, this.logLabel, this.log, this.typingLine, this.form);

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this._submit();
    });
    enterToSend(this.textarea, () => this._submit());
    this.textarea.addEventListener('input', () => {
      if (this.textarea.value.trim()) this.onTyping();
    });
    this.relabel();
  }

  /** Redraws every text in the current language. */
  relabel() {
    this.logLabel.textContent = t('chat.log');
    this.label.textContent = t('message');
    this.hint.textContent = t('composeHint');
    this.sendButton.textContent = t('send');
    this.endButton.textContent = t('endChat');
    for (const item of this.items) item.render();
    if (this.typingTimer !== null) this.typingLine.textContent = t(this.typingKey, { name: this.era.name() });
  }

  focus() {
    if (!this.ended) this.textarea.focus();
  }

  /** A message from the peer. */
  addPeerMessage(text) {
    this.hideTyping();
    const when = formatClock();
    const who = h('span', { class: 'who' });
    const body = h('p', { class: 'text', text });
    const el = h('div', { class: 'msg theirs' }, h('p', { class: 'meta' }, who, ` · ${when}`), body);
    const era = this.era;
    this._add(el, () => { who.textContent = era.name(); });
  }

  /**
   * Something structured in the log, such as a referral card: `body` is built by the caller from
   * text nodes only. `mine` puts it on our side.
   */
  addItem(body, mine) {
    if (!mine) this.hideTyping();
    const who = h('span', { class: 'who' });
    const el = h('div', { class: `msg ${mine ? 'mine' : 'theirs'}` }, h('p', { class: 'meta' }, who, ` · ${formatClock()}`), body);
    const era = this.era;
    this._add(el, () => { who.textContent = mine ? t('you') : era.name(); });
  }

  /** A system notice in the log; `kind` is 'info' or 'warn'. */
  addNotice(key, params = {}, kind = 'info') {
    const el = h('p', { class: `notice ${kind}`, role: kind === 'warn' ? 'alert' : null });
    const era = this.era;
    this._add(el, () => { el.textContent = t(key, { name: era.name(), ...params }); });
    return el;
  }

  showTyping() {
    if (this.ended) return;
    this.typingLine.textContent = t(this.typingKey, { name: this.era.name() });
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_SHOWN_MS);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typingTimer = null;
    this.typingLine.textContent = '';
  }

  /** The peer has everything up to `seq`. */
  delivered(seq) {
    for (const m of this.mine) if (m.seq !== null && m.seq <= seq) m.setState('delivered');
    this.mine = this.mine.filter((m) => m.seq === null || m.seq > seq);
  }

  /**
   * The conversation goes on with someone else (a counsellor handed it to a colleague): what was
   * shown so far keeps `previousName`, everything from now on uses `peerName`.
   */
  handOver(previousName, peerName) {
    this.hideTyping();
    this.era.name = previousName;
    this.era = { name: peerName };
  }

  /** Own messages never acknowledged by the peer (the chat moved on without them) say so. */
  markUndelivered() {
    for (const m of this.mine) m.setState('notDelivered');
    this.mine = [];
  }

  /** Before the handshake completes there is nothing to seal with: the composer waits. */
  setReady(ready) {
    this.textarea.disabled = !ready;
    this.sendButton.disabled = !ready;
  }

  /** The chat is over: the composer goes, the log stays readable until the page moves on. */
  setEnded() {
    this.ended = true;
    this.hideTyping();
    this.form.hidden = true;
  }

  _add(el, render) {
    render();
    this.items.push({ el, render });
    this.log.append(el);
    this.log.scrollTop = this.log.scrollHeight;
  }

  async _submit() {
    const text = this.textarea.value.trim();
    if (!text || this.ended) return;
    this.textarea.value = '';
    let state = 'sending';
    const status = h('span', { class: 'status' });
    const who = h('span', { class: 'who' });
    const el = h('div', { class: 'msg mine' },
      h('p', { class: 'meta' }, who, ` · ${formatClock()} · `, status), h('p', { class: 'text', text }));
    const entry = {
      seq: null,
      setState: (s) => {
        state = s;
        el.classList.toggle('is-delivered', s === 'delivered');
        el.classList.toggle('is-undelivered', s === 'notDelivered');
        status.textContent = t(s === 'delivered' ? 'delivered' : s === 'notDelivered' ? 'notDelivered' : 'sending');
      },
    };
    this._add(el, () => {
      who.textContent = t('you');
      entry.setState(state);
    });
    this.mine.push(entry);
    try {
      entry.seq = await this.onSend(text);
    } catch (err) {
      // Not sealed (too long for a frame, or the chat closed meanwhile): give the text back.
      el.remove();
      this.items = this.items.filter((i) => i.el !== el);
      this.mine = this.mine.filter((m) => m !== entry);
      if (!this.ended) {
        this.textarea.value = text;
        this.addNotice(err && err.reason === 'too_long' ? 'error.tooLong' : 'error.generic', {}, 'warn');
      }
    }
  }
}
