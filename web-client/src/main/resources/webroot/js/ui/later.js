// The visitor page's "later" part: request a callback, hold a place while closed, and come back with
// a code. Crypto runs in the page (crypto/code.js, crypto/sealed.js): the server gets only
// ciphertext, the chosen windows and the lookup value derived from the code — never the code.
import { formatDay, formatWhen, t } from '../i18n/index.js';
import * as api from '../transport/callbacks.js';
import { $, h, metaContent, pressOnce, turns } from './dom.js';
import { normalisePhone } from './phone.js';
import { zonedEpoch } from './zoned.js';

const randomId = () => {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/**
 * @param {{loadCrypto: () => Promise<any>, view: () => {status: any, week: any[], zone: string},
 *          onTicket: (ticket: {lookup: string}) => void}} deps
 */
export function setupLater({ loadCrypto, view, onTicket }) {
  let windows = [];
  // A request is kept until the server has stored it: sending again after a lost answer sends the
  // same request (same id and code), which the server recognises, so nothing is stored twice.
  let pendingCallback = null;
  let pendingTicket = null;
  let holding = false;
  let current = null; // {lookup} of the code being looked at
  const checks = turns(); // a second "Check status" before the first answered: the last one counts
  let shownWeek = null; // the choices are rebuilt only when the week changes, keeping what was ticked

  function setNote(id, key, params) {
    $(id).textContent = key ? t(key, params) : '';
  }

  /** Every opening span of the coming week that has not ended, as a choosable window. */
  function renderWindows() {
    const { week, zone } = view();
    const key = JSON.stringify(week);
    if (key === shownWeek) return;
    shownWeek = key;
    const now = Date.now();
    windows = [];
    for (const day of week) {
      for (const span of day.holiday ? [] : day.open ?? []) {
        const to = zonedEpoch(day.date, span.to, zone);
        if (to <= now + 5 * 60_000) continue;
        windows.push({ from: Math.max(zonedEpoch(day.date, span.from, zone), now), to, label: `${formatDay(day.date)} ${span.from}–${span.to}` });
      }
    }
    const list = $('#cb-window-list');
    list.replaceChildren(...windows.map((w, i) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'window', value: String(i) }), ` ${w.label}`)));
    $('#cb-no-windows').hidden = windows.length > 0;
  }

  async function sealed(id, inner) {
    const crypto = await loadCrypto();
    const { status, body } = await api.teamKeys();
    if (status !== 200 || !body) return null;
    const result = await crypto.sealToTeam(body.certificates ?? [], metaContent('lytt-org-key') ?? '',
      Math.floor(Date.now() / 1000), id, inner);
    return Object.keys(result.sealed).length ? result.sealed : null;
  }

  async function newCode() {
    const crypto = await loadCrypto();
    const code = crypto.newCode();
    const { pk } = await crypto.replyKeyPair(code);
    return { code, lookup: await crypto.lookupOf(code), replyPub: crypto.toB64u(pk), text: crypto.codeText(code) };
  }

  function showCode(text) {
    $('#code-value').textContent = text;
    $('#code-panel').hidden = false;
    $('#check-code').value = text;
    $('#code-heading').focus();
  }

  /** What to tell the visitor when a request was not stored. */
  const failure = (status) => (status === 429 ? 'cb.tooMany' : status === 400 ? 'cb.invalid' : 'error.unavailable');

  /**
   * Refused outright (invalid, too many, the line is open or the id is taken): nothing was stored.
   * Any other failure may hide a stored request.
   */
  const surelyNotStored = (status) => status === 400 || status === 409 || status === 429;

  /**
   * A request whose answer was lost may be stored all the same, under a code the visitor never
   * saw and so could never cancel. Before a changed request (a corrected phone number, say) goes
   * out with a new code, the old one is withdrawn by its id and lookup. Null when it is surely
   * gone, else what to tell the visitor.
   */
  async function withdraw(pending) {
    if (!pending || !pending.uncertain) return null;
    const { status } = await api.withdraw(pending.request);
    return status === 204 ? null : failure(status);
  }

  async function sendCallback(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const phone = normalisePhone(form.get('phone'));
    $('#cb-phone').setAttribute('aria-invalid', String(!phone));
    setNote('#cb-phone-error', phone ? null : 'cb.phoneBad');
    if (!phone) return $('#cb-phone').focus();
    const chosen = form.getAll('window').map((i) => windows[Number(i)]).filter(Boolean);
    if (!chosen.length) return setNote('#cb-note', 'cb.windowsMissing');
    setNote('#cb-note', 'cb.sending');
    $('#cb-send').disabled = true;
    try {
      const note = String(form.get('note') ?? '');
      const preference = form.get('cb-preference') || 'none';
      const language = form.get('language') || 'nb';
      const key = JSON.stringify([phone, note, chosen.map(({ from, to }) => [from, to]), preference, language]);
      if (!pendingCallback || pendingCallback.key !== key) {
        const stuck = await withdraw(pendingCallback);
        if (stuck) return setNote('#cb-note', stuck);
        pendingCallback = null;
        const code = await newCode();
        const id = randomId();
        const box = await sealed(id, { t: 'callback', phone, note, replyPub: code.replyPub });
        if (!box) return setNote('#cb-note', 'cb.noTeam');
        pendingCallback = { key, code, request: { id, lookup: code.lookup, sealed: box,
          windows: chosen.map(({ from, to }) => ({ from, to })), preference, language } };
      }
      const { status } = await api.requestCallback(pendingCallback.request);
      // The code is shown only once the server has stored the request durably (201).
      if (status !== 201) {
        pendingCallback.uncertain ||= !surelyNotStored(status);
        return setNote('#cb-note', failure(status));
      }
      const { code } = pendingCallback;
      pendingCallback = null;
      event.target.reset();
      setNote('#cb-note', null);
      showCode(code.text);
    } finally {
      $('#cb-send').disabled = false;
    }
  }

  async function holdPlace() {
    if (holding) return;
    holding = true;
    $('#tk-take').disabled = true;
    try {
      setNote('#tk-note', 'cb.sending');
      const message = $('#tk-message').value.trim();
      if (!pendingTicket || pendingTicket.message !== message) {
        const stuck = await withdraw(pendingTicket);
        if (stuck) return setNote('#tk-note', stuck);
        pendingTicket = null;
        const code = await newCode();
        const id = randomId();
        const box = message ? await sealed(id, { t: 'ticket', message, replyPub: code.replyPub }) : {};
        if (!box) return setNote('#tk-note', 'cb.noTeam');
        pendingTicket = { message, code, request: { id, lookup: code.lookup, sealed: box } };
      }
      const { status, body } = await api.takeTicket(pendingTicket.request);
      if (status !== 201 || !body) {
        pendingTicket.uncertain ||= !surelyNotStored(status);
        return setNote('#tk-note', failure(status));
      }
      const { code } = pendingTicket;
      pendingTicket = null;
      $('#tk-message').value = '';
      setNote('#tk-note', 'tk.held', { n: body.position });
      $('#tk-keep-open').hidden = false;
      // Asked only if the visitor wants it: the browser keeps the permission after the tab is gone.
      $('#tk-notify-choice').hidden = !(globalThis.Notification && Notification.permission === 'default');
      showCode(code.text);
      // Kept in this tab only, for the join at opening: the server never stores a ticket's preference.
      const preference = document.querySelector('input[name="tk-preference"]:checked')?.value ?? 'none';
      onTicket({ lookup: code.lookup, preference });
    } finally {
      holding = false;
      $('#tk-take').disabled = false;
    }
  }

  function askToNotify() {
    $('#tk-notify-choice').hidden = true;
    if (globalThis.Notification) Notification.requestPermission().catch(() => {});
  }

  function describe(s) {
    const { zone } = view();
    if (s.kind === 'ticket') {
      if (s.state === 'waiting') return t('check.ticketWaiting', { n: s.position });
      return t(s.state === 'served' ? 'check.served' : 'check.released');
    }
    switch (s.state) {
      case 'calling': return t('check.calling');
      case 'done': return t('check.done');
      case 'no_answer': return t('check.noAnswer', { n: s.attempts, when: formatWhen(new Date(s.nextTryAt).toISOString(), zone) });
      case 'failed': return t('check.failed', { n: s.attempts });
      default: return t('check.waiting');
    }
  }

  async function check(event) {
    event?.preventDefault();
    const crypto = await loadCrypto();
    let code;
    try {
      code = crypto.parseCode($('#check-code').value);
    } catch {
      code = null;
    }
    // A malformed code is looked up like any other, so it is answered like an unknown one.
    const lookup = code ? await crypto.lookupOf(code) : 'x';
    const turn = checks.take();
    const { status, body } = await api.codeStatus(lookup);
    if (!checks.mayDraw(turn)) return;
    $('#check-reply').hidden = true;
    $('#check-cancel').hidden = status !== 200;
    if (status !== 200 || !body) {
      current = null;
      return setNote('#check-result', status === 429 ? 'check.tooMany' : 'check.unknown');
    }
    current = { lookup };
    $('#check-result').textContent = describe(body);
    if (body.kind === 'ticket' && body.state === 'waiting') onTicket({ lookup });
    if (body.reply) {
      const { sk } = await crypto.replyKeyPair(code);
      const reply = await crypto.openReply(body.reply, sk, body.id).catch(() => null);
      if (reply && typeof reply.text === 'string') {
        $('#check-reply').replaceChildren(h('strong', {}, t('check.reply')), ' ', reply.text);
        $('#check-reply').hidden = false;
      }
    }
  }

  async function cancel() {
    if (!current) return;
    const { lookup } = current;
    setNote('#check-result', 'cb.sending');
    // A turn like a check's: a check sent before it cannot draw this code's old state after it,
    // and one sent after it (another code, say) is not overwritten by it.
    const turn = checks.take();
    const { status } = await api.cancelByCode(lookup);
    if (!checks.mayDraw(turn)) return;
    current = null;
    $('#check-cancel').hidden = true;
    $('#check-reply').hidden = true;
    setNote('#check-result', status === 204 ? 'check.cancelled' : 'check.unknown');
  }

  $('#callback-form').addEventListener('submit', (e) => sendCallback(e).catch(() => setNote('#cb-note', 'error.generic')));
  $('#tk-take').addEventListener('click', () => holdPlace().catch(() => setNote('#tk-note', 'error.generic')));
  $('#tk-notify').addEventListener('click', askToNotify);
  $('#check-form').addEventListener('submit', (e) => check(e).catch(() => setNote('#check-result', 'error.generic')));
  // Pressed twice on a slow phone, the second would find nothing and say so over "deleted".
  $('#check-cancel').addEventListener('click', pressOnce(() => cancel().catch(() => setNote('#check-result', 'error.generic'))));
  $('#code-copy').addEventListener('click', async () => {
    await navigator.clipboard?.writeText($('#code-value').textContent).catch(() => {});
    setNote('#code-note', 'code.copied');
  });
  $('#code-print').addEventListener('click', () => window.print());

  return {
    render() {
      const s = view().status;
      $('#ticket').hidden = !s || s.open;
      renderWindows();
    },
    /** A first message typed to hold a place and never sent (the line opened meanwhile). */
    hasDraft: () => Boolean($('#tk-message').value.trim()),
    /**
     * Gives that message up, for the chat's message box. A place asked for with it whose answer
     * was lost is let go, so the message does not also wait on every console as a ticket.
     */
    takeDraft() {
      const text = $('#tk-message').value.trim();
      $('#tk-message').value = '';
      if (pendingTicket) withdraw(pendingTicket).catch(() => {});
      pendingTicket = null;
      return text;
    },
  };
}
