// Handing a running chat to a colleague on duty (docs/protocol.md, "Handing a chat to a
// colleague"), both ways:
// - in a chat panel, "Transfer to a colleague" lists who is on duty with a free slot (display name,
//   and whether they fit the visitor's wish and language); the counsellor picks one and confirms,
//   and the chat goes on here until the colleague's console has taken it, or comes back with why not;
// - when a colleague hands a visitor to this console, it makes a fresh chat key and answers by
//   itself, as `accept` does: a new handshake, nothing of the colleague's chat reaches this page.
// console.js calls attach() for each chat panel and render() when a chat's state changes.

import { t } from '../i18n/index.js';
import { h } from './dom.js';

/** Reasons a hand-over did not happen that the console explains; anything else is "other". */
const REASONS = ['unanswered', 'declined', 'capacity_reached', 'colleague_unavailable', 'in_flight', 'not_found', 'wrong_state'];

/**
 * @param {object} o
 * @param {() => object|null} o.transport        the ConsoleTransport, when connected
 * @param {() => object|null} o.device           the certified device keys, or null
 * @param {(device: object) => Promise<object>} o.createChatKey
 * @param {Map<string, object>} o.pendingKeys    chat keys waiting for the visitor's handshake (shared with accept)
 */
export function setupTransfer({ transport, device, createChatKey, pendingKeys }) {
  const panels = new Map();  // chatId → panel state
  const handedFrom = new Map(); // chatId of a chat taken over → the colleague's display name

  function panelOf(chatId) {
    return panels.get(chatId);
  }

  function setNote(p, key, params = {}) {
    p.noteKey = key;
    p.noteParams = params;
    p.note.textContent = key ? t(key, params) : '';
  }

  function open(p) {
    const tr = transport();
    if (!tr || !tr.colleagues(p.chat.chatId)) {
      setNote(p, 'error.unavailable');
      return;
    }
    p.state = 'loading';
    setNote(p, 'c.transfer.loading');
    render(p.chat);
  }

  function showColleagues(p, colleagues) {
    p.colleagues = colleagues;
    p.state = colleagues.length ? 'choosing' : 'idle';
    setNote(p, colleagues.length ? null : 'c.transfer.none');
    const name = `transfer-${p.chat.n}`;
    p.list.replaceChildren(...colleagues.map((c, i) => {
      const id = `${name}-${i}`;
      return h('div', { class: 'choice' },
        h('input', { type: 'radio', name, id, value: c.username, checked: i === 0 ? '' : null }),
        h('label', { for: id }, `${c.displayName} – ${t(c.matches ? 'c.transfer.matches' : 'c.transfer.noMatch')}`));
    }));
    render(p.chat);
    if (colleagues.length) p.list.querySelector('input').focus();
  }

  function confirm(p) {
    const chosen = p.list.querySelector('input:checked');
    const colleague = chosen && p.colleagues.find((c) => c.username === chosen.value);
    const tr = transport();
    if (!colleague) return;
    if (!tr || !tr.transfer(p.chat.chatId, colleague.username)) {
      setNote(p, 'error.unavailable');
      return;
    }
    p.target = colleague.displayName;
    p.state = 'asking';
    setNote(p, 'c.transfer.asking', { to: colleague.displayName });
    render(p.chat);
    p.button.focus();
  }

  function cancel(p) {
    p.state = 'idle';
    setNote(p, null);
    render(p.chat);
    p.button.focus();
  }

  function failed(chatId, reason) {
    const p = panelOf(chatId);
    if (!p) return;
    p.state = 'idle';
    const key = `c.transfer.failed.${REASONS.includes(reason) ? reason : 'other'}`;
    setNote(p, key, { to: p.target ?? t('c.transfer.colleague') });
    render(p.chat);
  }

  /** A colleague hands a visitor over: a fresh chat key, sent as `take` (or `decline` without one). */
  async function take({ transferId, from }) {
    const tr = transport();
    const keys = device();
    if (!tr) return;
    if (!keys) {
      tr.decline(transferId);
      return;
    }
    let key;
    try {
      key = await createChatKey(keys);
    } catch {
      tr.decline(transferId);
      return;
    }
    pendingKeys.set(key.chatId, key);
    handedFrom.set(key.chatId, typeof from === 'string' ? from : '');
    if (!tr.take({ transferId, chatId: key.chatId, chatPub: key.chatPub, chatKeySig: key.chatKeySig })) {
      key.discard();
      pendingKeys.delete(key.chatId);
      handedFrom.delete(key.chatId);
    }
  }

  function render(chat) {
    const p = panelOf(chat.chatId);
    if (!p) return;
    const running = chat.connected && !chat.ended;
    p.root.hidden = !running && !p.noteKey;
    p.button.hidden = !running;
    p.button.disabled = p.state === 'loading' || p.state === 'asking';
    p.button.textContent = t('c.transfer.button');
    p.fieldset.hidden = !(running && p.state === 'choosing');
    p.legend.textContent = t('c.transfer.legend');
    p.confirmButton.textContent = t('c.transfer.confirm');
    p.cancelButton.textContent = t('c.transfer.cancel');
    p.list.querySelectorAll('label').forEach((label, i) => {
      const c = p.colleagues[i];
      if (c) label.textContent = `${c.displayName} – ${t(c.matches ? 'c.transfer.matches' : 'c.transfer.noMatch')}`;
    });
    if (p.noteKey) p.note.textContent = t(p.noteKey, p.noteParams);
  }

  return {
    /** Wires the transport's hand-over events; call once per transport. */
    listen(tr) {
      tr.on('colleagues', ({ chatId, colleagues }) => {
        const p = panelOf(chatId);
        if (p && p.state === 'loading') showColleagues(p, Array.isArray(colleagues) ? colleagues : []);
      });
      tr.on('transferring', ({ chatId, displayName }) => {
        const p = panelOf(chatId);
        if (p && displayName) {
          p.target = displayName;
          setNote(p, 'c.transfer.asking', { to: displayName });
        }
      });
      tr.on('transfer_failed', ({ chatId, reason }) => failed(chatId, reason));
      tr.on('transferRefused', ({ chatId, code }) => failed(chatId, code));
      tr.on('handover', (frame) => { take(frame); });
      tr.on('takeFailed', ({ chatId }) => {
        const key = chatId && pendingKeys.get(chatId);
        if (key) key.discard();
        pendingKeys.delete(chatId);
        handedFrom.delete(chatId);
      });
      tr.on('ended', ({ chatId }) => {
        const p = panelOf(chatId);
        if (p) {
          p.state = 'idle';
          setNote(p, null);
          render(p.chat);
        }
      });
    },

    /** Adds the transfer controls to a new chat panel (after its info line). */
    attach(chat) {
      const p = { chat, state: 'idle', colleagues: [], target: null, noteKey: null, noteParams: {} };
      p.button = h('button', { type: 'button', class: 'secondary', onclick: () => open(p) });
      p.legend = h('legend');
      p.list = h('div', { class: 'choices' });
      p.confirmButton = h('button', { type: 'button', class: 'primary', onclick: () => confirm(p) });
      p.cancelButton = h('button', { type: 'button', class: 'secondary', onclick: () => cancel(p) });
      p.fieldset = h('fieldset', { class: 'transfer-choice', hidden: true }, p.legend, p.list,
        h('div', { class: 'composer-actions' }, p.confirmButton, p.cancelButton));
      p.note = h('p', { class: 'transfer-note', role: 'status' });
      p.root = h('div', { class: 'transfer' }, p.button, p.fieldset, p.note);
      chat.info.after(p.root);
      panels.set(chat.chatId, p);
      if (handedFrom.has(chat.chatId)) {
        const from = handedFrom.get(chat.chatId);
        handedFrom.delete(chat.chatId);
        chat.view.addNotice('c.chat.handedOver', { from: from || t('c.transfer.colleague') });
      }
      render(chat);
    },

    /** Forgets a chat panel that was closed. */
    detach(chatId) {
      panels.delete(chatId);
    },

    render,
  };
}
