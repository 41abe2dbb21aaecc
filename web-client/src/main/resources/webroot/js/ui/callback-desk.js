// The console's callback list and the tickets waiting for opening. Contents are opened with this
// device's own encryption key and shown only to the counsellor who claimed the callback (or, for a
// ticket's first message, to whoever looks); a request sealed before this device was certified
// was never sealed to it and is shown as unreadable, with the reason.
import { openAsDevice, sealReply } from '../crypto/index.js';
import { formatElapsed, t } from '../i18n/index.js';
import * as api from '../transport/callbacks.js';
import { $, h, keepingFocus, turns } from './dom.js';

const GROUPS = ['due_now', 'later_today', 'later', 'expired'];
// The server says when the list changes ('items' frames); polling only heals a signal missed while
// the console was reconnecting.
const REFRESH_MS = 60_000;
// Several changes in a moment (a claim, then called) make one fetch.
const SOON_MS = 250;
// How long a failed action's note stays through the redraws other people's changes cause.
const NOTE_MS = 20_000;

/** @param {{device: () => any}} deps the certified DeviceKeys, or null when there is none */
export function setupCallbackDesk({ device }) {
  let timer = null;
  let soon = null;
  let note = null;
  let noteAt = 0;
  const opened = new Map(); // item id → its opened contents, for as long as it is listed
  // The list is drawn anew at every change anyone makes; a reply being written must survive that.
  const drafts = new Map(); // item id → the reply typed so far
  // An item with a request in flight shows its buttons disabled, so "Done" cannot overtake the
  // reply sent just before it (the two requests travel on separate connections).
  const busy = new Set();
  const draws = turns();

  async function contents(item) {
    const d = device();
    if (!item.sealed || !d) return null;
    if (!opened.has(item.id)) {
      opened.set(item.id, await openAsDevice(item.sealed, d.encryptionKey.privateKey, d.deviceId, item.id).catch(() => null));
    }
    return opened.get(item.id);
  }

  const windowText = (w) => `${new Date(w.from).toLocaleString()} – ${new Date(w.to).toLocaleTimeString()}`;

  /** Runs one request for an item with the item's buttons disabled, then draws the list again. */
  async function whileBusy(id, row, request) {
    if (busy.has(id)) return;
    busy.add(id);
    for (const b of row.querySelectorAll('button')) b.disabled = true;
    try {
      note = await request();
    } catch {
      note = 'error.generic';
    } finally {
      busy.delete(id);
    }
    noteAt = Date.now();
    if (note) {
      // Said at once and the buttons given back: the list may not be fetched either when the
      // network is what failed.
      $('#callbacks-note').textContent = t(note);
      // The row may have been drawn again meanwhile (disabled, as busy): the one on the page now.
      const now = document.querySelector(`li[data-item="${CSS.escape(id)}"]`) ?? row;
      for (const b of now.querySelectorAll('button')) b.disabled = false;
    }
    await refresh();
  }

  function act(id, action, row) {
    return whileBusy(id, row, async () => {
      const { status, body } = await api.callbackAction(id, action);
      if (status === 200 && action === 'done') drafts.delete(id);
      return status === 200 ? null : body && body.code === 'wrong_state' ? 'c.cb.taken' : 'error.generic';
    });
  }

  function replyForm(item, inner) {
    if (!inner || typeof inner.replyPub !== 'string' || item.replied) return null;
    const id = `reply-${item.id}`;
    const box = h('textarea', { id, rows: '2', maxlength: '2000' });
    box.value = drafts.get(item.id) ?? '';
    box.addEventListener('input', () => drafts.set(item.id, box.value));
    const send = h('button', { type: 'button', class: 'secondary', id: `${id}-send`, disabled: busy.has(item.id) }, t('c.cb.sendReply'));
    send.addEventListener('click', () => {
      const text = box.value.trim();
      if (!text) return;
      whileBusy(item.id, send.closest('li'), async () => {
        const sealed = await sealReply(inner.replyPub, item.id, { t: 'reply', text });
        const { status } = await api.sendReply(item.id, sealed);
        if (status !== 204) return 'error.generic';
        drafts.delete(item.id);
        return null;
      });
    });
    return h('div', { class: 'field' }, h('label', { for: id }, t('c.cb.reply')), box, send);
  }

  async function callbackRow(item) {
    const inner = item.claimedByMe ? await contents(item) : null;
    const buttons = [];
    const button = (key, action) => {
      const b = h('button', { type: 'button', id: `cb-${item.id}-${action}`, class: action === 'claim' ? 'primary' : 'secondary',
        disabled: busy.has(item.id) }, t(key));
      b.addEventListener('click', () => act(item.id, action, b.closest('li')));
      buttons.push(b);
    };
    if (!item.claimedBy || item.claimedByMe) {
      if (!item.claimedByMe) button('c.cb.claim', 'claim');
      else {
        button('c.cb.called', 'called');
        button('c.cb.noAnswer', 'no-answer');
        button('c.cb.done', 'done');
      }
    }
    return h('li', { class: 'callback', 'data-item': item.id },
      h('p', {}, item.windows.map(windowText).join(', ')),
      h('p', { class: 'hint' }, t('c.chat.visitorInfo', { pref: t(`c.pref.${item.preference}`), lang: item.language }),
        item.attempts ? ` · ${t('c.cb.attempts', { n: item.attempts })}` : '',
        item.claimedBy && !item.claimedByMe ? ` · ${t('c.cb.claimedBy', { name: item.claimedBy })}` : ''),
      item.unreadable ? h('p', { class: 'warn' }, t('c.cb.unreadable')) : null,
      inner ? h('p', { class: 'phone' }, h('strong', {}, inner.phone ?? '')) : null,
      inner && inner.note ? h('p', { class: 'reply' }, inner.note) : null,
      h('div', { class: 'actions' }, ...buttons),
      item.claimedByMe ? replyForm(item, inner) : null);
  }

  async function ticketRow(ticket, now) {
    const inner = ticket.hasMessage ? await contents(ticket) : null;
    return h('li', { class: 'ticket', 'data-item': ticket.id },
      h('p', {}, t('c.tk.position', { n: ticket.position }), ' · ', t('c.tk.waited', { time: formatElapsed(now - ticket.takenAt) })),
      ticket.unreadable ? h('p', { class: 'warn' }, t('c.cb.unreadable')) : null,
      inner && typeof inner.message === 'string' ? h('p', { class: 'reply' }, inner.message) : null,
      replyForm(ticket, inner));
  }

  async function refresh() {
    const d = device();
    if (!d) return;
    const turn = draws.take();
    const { status, body } = await api.listCallbacks(d.deviceId);
    if (status !== 200 || !body) return;
    const listed = new Set([...body.callbacks, ...body.tickets].map((i) => i.id));
    for (const id of opened.keys()) if (!listed.has(id)) opened.delete(id);
    for (const id of drafts.keys()) if (!listed.has(id)) drafts.delete(id);
    const groups = [];
    for (const group of GROUPS) {
      const items = body.callbacks.filter((c) => c.category === group);
      if (items.length) groups.push(h('h3', {}, t(`c.cb.${group}`)), h('ul', { class: 'plain' }, ...(await Promise.all(items.map(callbackRow)))));
    }
    const tickets = await Promise.all(body.tickets.map((tk) => ticketRow(tk, body.now)));
    // A later refresh started while this one waited: its answer is the newer one.
    if (!draws.mayDraw(turn)) return;
    keepingFocus(document.body, () => {
      $('#callback-groups').replaceChildren(...groups);
      $('#ticket-list').replaceChildren(...tickets);
    });
    $('#callbacks-empty').textContent = body.callbacks.length ? '' : t('c.cb.none');
    if (note && Date.now() - noteAt > NOTE_MS) note = null;
    $('#callbacks-note').textContent = note ? t(note) : '';
    $('#tickets-empty').textContent = body.tickets.length ? '' : t('c.tk.none');
  }

  return {
    start() {
      if (timer) return;
      refresh();
      timer = setInterval(refresh, REFRESH_MS);
    },
    stop() {
      clearInterval(timer);
      timer = null;
      opened.clear();
      drafts.clear();
      $('#callback-groups').replaceChildren();
      $('#ticket-list').replaceChildren();
    },
    refresh,
    refreshSoon() {
      if (!timer || soon) return;
      soon = setTimeout(() => {
        soon = null;
        refresh();
      }, SOON_MS);
    },
  };
}
