// The visitor page (/). Renders what the transport reports; owns no protocol logic itself.
//
// Phases: start → queue → verify → chat → ended, with `failed` when an offer does not verify.
// Nothing is written to any storage: the resume token, keys and messages live in memory and go
// with the tab (or at once with quick exit).

// Only the feature test loads with the page; the rest of the crypto module (about half of the
// page's code) is fetched when the visitor starts a chat, keeping the first load small on a phone.
// support.js is the crypto module's own self-contained feature test, imported directly for that reason.
// What only a queued or chatting visitor needs (ui/visitor-chat.js) loads once the first screen is
// usable. Both are checked against the integrity the page lists for them (ui/checked-import.js).
import { cryptoSupported } from '../crypto/support.js';
import { formatDay, formatWait, formatWhen, t } from '../i18n/index.js';
import { getJson } from '../transport/http.js';
import { isQuietClose } from '../transport/connection.js';
import { VisitorTransport } from '../transport/visitor.js';
import { importChecked } from './checked-import.js';
import { $, applyTranslations, h, metaContent, setupLanguageSwitch } from './dom.js';
import { setupLater } from './later.js';
import { setupQuickExit } from './quick-exit.js';
import { takeEarlySocket } from './visitor-socket.js';

/** The reasons docs/protocol.md allows in `reject`; anything unexpected is reported as bad_key. */
const REJECT_REASONS = ['bad_certificate', 'bad_signature', 'expired_certificate', 'bad_key'];
const PANELS = ['start', 'queue', 'verify', 'failed', 'chat', 'ended'];
/** Which panels each phase shows; the information sections step aside while chatting. */
const SHOWN = {
  start: ['intro', 'status', 'start', 'later', 'about', 'hours', 'help'],
  queue: ['intro', 'queue', 'about', 'hours', 'help'],
  verify: ['verify'],
  failed: ['failed', 'help'],
  chat: ['chat'],
  ended: ['chat', 'ended', 'help'],
};

const ui = {
  phase: 'start',
  connected: false,
  status: null,        // {open, nextOpening, queueLength, estimatedWaitSeconds}
  zone: 'Europe/Oslo',
  week: [],
  queue: null,         // {position, estimatedWaitSeconds}
  startNote: null,     // i18n key under the start button
  counsellor: null,    // verified display name from the certificate
  safetyCode: null,
  ended: null,         // {key, complete}
  chatView: null,
  connNote: null,      // i18n key of the connection banner
  chatLangTouched: false,
  ticket: null,        // {lookup} of a place held while closed, used when the line opens
  ticketTurn: false,   // joined with that ticket: the visitor is told when a counsellor is ready
};
let later = null;
let questions = null;
let handover = null;

let transport = null;
let cryptoModule = null;
const loadCrypto = () => (cryptoModule ??= importChecked('/js/crypto/index.js'));
let chat = null;         // ui/visitor-chat.js, once loaded and wired
let chatLoading = null;

async function verifyOffer(offer) {
  try {
    const { openOffer } = await loadCrypto();
    const result = await openOffer(offer, metaContent('lytt-org-key') ?? '', Math.floor(Date.now() / 1000));
    return { enc: result.enc, cipher: result.cipher, info: { displayName: result.displayName, safetyCode: result.safetyCode } };
  } catch (err) {
    return { reject: REJECT_REASONS.includes(err && err.reason) ? err.reason : 'bad_key' };
  }
}

function setPhase(phase, focus) {
  ui.phase = phase;
  for (const id of [...PANELS, 'intro', 'status', 'later', 'about', 'hours', 'help']) $(`#${id}`).hidden = !SHOWN[phase].includes(id);
  render();
  if (focus) focus.focus();
}

function render() {
  if (later) later.render();
  if (questions) questions.render();
  renderStatus();
  renderStart();
  renderQueue();
  renderChatHeader();
  renderEnded();
  const banner = $('#conn');
  banner.hidden = !ui.connNote;
  banner.textContent = ui.connNote ? t(ui.connNote) : '';
}

function renderStatus() {
  const s = ui.status;
  const badge = $('#status-badge');
  badge.classList.toggle('is-open', Boolean(s && s.open));
  badge.classList.toggle('is-closed', Boolean(s && !s.open));
  const lines = [];
  if (!s) {
    badge.textContent = t('status.checking');
  } else if (s.open) {
    badge.textContent = t('status.open');
    lines.push(t('status.waiting', { n: s.queueLength ?? 0 }));
    const wait = formatWait(s.estimatedWaitSeconds);
    lines.push(wait ? t('status.estimate', { wait }) : t('status.nobodyOnDuty'));
  } else {
    badge.textContent = t('status.closed');
    const when = s.nextOpening ? formatWhen(s.nextOpening, ui.zone) : null;
    lines.push(when ? t('status.nextOpening', { when }) : t('status.noNextOpening'));
  }
  $('#status-detail').textContent = lines.join(' ');

  const week = $('#week');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ui.zone }).format(new Date()); // yyyy-mm-dd
  week.replaceChildren(...ui.week.map((day) => {
    const times = day.holiday ? t('hours.holiday', { name: day.holiday })
      : (day.open ?? []).length ? day.open.map((i) => `${i.from}–${i.to}`).join(', ') : t('hours.closed');
    const isToday = day.date === today;
    return h('li', { class: isToday ? 'today' : null },
      h('span', { class: 'day' }, formatDay(day.date), isToday ? ` (${t('hours.today')})` : ''),
      h('span', { class: 'times' }, times));
  }));
  $('#hours').classList.toggle('is-empty', ui.week.length === 0);
}

function renderStart() {
  const open = Boolean(ui.status && ui.status.open);
  const joining = ui.startNote === 'start.joining';
  $('#start-button').disabled = joining || !(open && ui.connected && ui.phase === 'start');
  const note = ui.startNote ?? (ui.status && !open ? 'start.closedNote'
    : open && later && later.hasDraft() ? 'start.draftKept' : null);
  $('#start-note').textContent = note ? t(note) : '';
}

function renderQueue() {
  if (!ui.queue) return;
  $('#queue-position').textContent = ui.queue.position ? t('queue.position', { n: ui.queue.position }) : '';
  const wait = formatWait(ui.queue.estimatedWaitSeconds);
  $('#queue-estimate').textContent = wait ? t('queue.estimate', { wait }) : t('queue.nobody');
}

function counsellorName() {
  return ui.counsellor || t('chat.counsellor');
}

function renderChatHeader() {
  $('#chat-heading').textContent = t('chat.with', { name: counsellorName() });
  $('#safety-text').textContent = ui.safetyCode ? t('chat.safetyText', { code: ui.safetyCode }) : '';
  $('#safety').hidden = !ui.safetyCode;
  if (ui.chatView) ui.chatView.relabel();
}

function renderEnded() {
  if (!ui.ended) return;
  $('#ended-reason').textContent = t(ui.ended.key, { name: counsellorName() });
  $('#ended-incomplete').hidden = ui.ended.complete;
}

/** The queue's and the chat's parts, wired to the page; loaded once, and again after a failure. */
function loadChat() {
  chatLoading ??= importChecked('/js/ui/visitor-chat.js').then((parts) => {
    if (!chat) wireChat(parts);
    return parts;
  }, (err) => {
    chatLoading = null;
    throw err;
  });
  return chatLoading;
}

async function join(preference, language, ticket) {
  if (ui.startNote === 'start.joining') return; // a double tap must not send two joins
  loadCrypto().catch(() => { cryptoModule = null; }); // ready long before a counsellor answers
  if (!chat) {
    // Loaded after the first screen, so this waits only for a visitor quicker than the network.
    ui.startNote = 'start.joining';
    render();
    try {
      await loadChat();
    } catch {
      ui.startNote = 'error.unavailable';
      setPhase('start');
      return;
    }
  }
  if (!transport.join(preference, language, ticket)) {
    ui.startNote = 'error.unavailable';
    setPhase('start');
    return;
  }
  ui.lastJoin = { preference, language };
  ui.startNote = 'start.joining';
  ui.queue = null;
  render();
}

function startChatView() {
  $('#chat-mount').replaceChildren();
  ui.chatView = new chat.ChatView({
    peerName: counsellorName,
    typingKey: 'chat.typing',
    send: (text) => transport.sendText(text),
    typing: () => transport.typing(),
    end: () => transport.end(),
  });
  $('#chat-mount').append(ui.chatView.root);
  // Written to hold a place before the line opened: now it can go to the counsellor, when the
  // visitor sends it.
  const draft = later ? later.takeDraft() : '';
  if (draft && !ui.chatView.textarea.value) ui.chatView.textarea.value = draft;
}

/** The parts a queued or chatting visitor needs, set up once they have loaded. */
function wireChat(parts) {
  chat = parts;
  questions = parts.setupQuestions({ send: (frame) => transport.connection.send(frame), sourceMount: $('#found-us'), helpfulMount: $('#helpful') });
  handover = parts.setupHandover({
    transport,
    view: () => ui.chatView,
    counsellor: () => ui.counsellor,
    peerName: counsellorName,
    adopt: ({ displayName, safetyCode }) => {
      ui.counsellor = displayName;
      ui.safetyCode = safetyCode;
      render();
    },
  });
}

function wireTransport() {
  transport.on('connection', ({ state, code }) => {
    ui.connected = state === 'online';
    // A silent socket's or a draining node's close is followed by a new socket at once: nothing to
    // tell the visitor.
    if (state === 'offline' && !isQuietClose(code)) ui.connNote = 'conn.offline';
    else if (state === 'resuming') ui.connNote = 'conn.resuming';
    else if (state === 'closed') ui.connNote = code === 4000 ? 'conn.elsewhere' : 'error.unavailable';
    else if (state === 'online') ui.connNote = null;
    render();
    useTicket();
    // The first screen is up: now the parts a queued visitor needs, before anyone presses start.
    if (ui.connected) loadChat().catch(() => {});
  });
  transport.on('status', (status) => {
    ui.status = status;
    render();
    useTicket();
  });
  transport.on('joinFailed', ({ code }) => {
    ui.startNote = code === 'closed' || code === 'queue_full' ? `join.${code}` : 'error.generic';
    setPhase('start');
  });
  transport.on('queue', (q) => {
    ui.queue = q;
    ui.startNote = null;
    if (ui.phase !== 'queue') setPhase('queue', $('#queue-heading'));
    else render();
    questions.queued();
  });
  transport.on('left', () => {
    ui.queue = null;
    ui.startNote = null;
    setPhase('start', $('#start-heading'));
  });
  transport.on('offer', () => {
    if (handover.offer()) return;
    if (ui.ticketTurn) announceTurn();
    setPhase('verify', $('#verify-text'));
  });
  transport.on('rejected', () => setPhase('failed', $('#failed-heading')));
  transport.on('chat', ({ displayName, safetyCode }) => {
    if (handover.chat({ displayName, safetyCode })) return;
    ui.counsellor = displayName;
    ui.safetyCode = safetyCode;
    ui.ended = null;
    startChatView();
    ui.chatView.addNotice('chat.intro');
    setPhase('chat');
    ui.chatView.focus();
  });
  transport.on('message', ({ inner }) => {
    if (ui.chatView && inner && inner.t === 'text' && typeof inner.text === 'string') ui.chatView.addPeerMessage(inner.text);
    if (ui.chatView && inner && inner.t === 'card') ui.chatView.addItem(chat.cardElement(inner), false);
  });
  transport.on('delivered', ({ seq }) => ui.chatView && ui.chatView.delivered(seq));
  transport.on('typing', () => ui.chatView && ui.chatView.showTyping());
  transport.on('peer', ({ state }) => ui.chatView && ui.chatView.addNotice(state === 'away' ? 'chat.away' : 'chat.back'));
  transport.on('tampered', () => ui.chatView && ui.chatView.addNotice('tampered', {}, 'warn'));
  transport.on('ended', ({ by, complete }) => {
    ui.ended = { key: by === 'counsellor' ? 'ended.counsellor' : by === 'visitor' ? 'ended.visitor' : 'ended.timeout', complete };
    if (ui.chatView) ui.chatView.setEnded();
    questions.ended();
    setPhase('ended', $('#ended-heading'));
  });
  transport.on('lost', () => {
    ui.ended = { key: 'ended.lost', complete: true };
    if (ui.chatView) ui.chatView.setEnded();
    setPhase('ended', $('#ended-heading'));
  });
  transport.on('error', (frame) => {
    if (ui.chatView && frame.code === 'rate_limited') ui.chatView.addNotice('error.rate_limited', {}, 'warn');
  });
}

/** A place held while closed is used as soon as the line opens, if this tab is still here. */
function useTicket() {
  if (!ui.ticket || !ui.connected || !(ui.status && ui.status.open) || ui.phase !== 'start') return;
  const { lookup, preference } = ui.ticket;
  ui.ticket = null;
  ui.ticketTurn = true;
  join(preference ?? 'none', document.documentElement.lang === 'en' ? 'en' : 'nb', lookup);
}

/** Their turn: in the title, with a sound where the browser allows it, and a notification if granted. */
function announceTurn() {
  ui.ticketTurn = false;
  document.title = `${t('tk.turn')} – ${t('v.title')}`;
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.3);
  } catch {
    // no sound without a user gesture in this browser: the title and notification remain
  }
  if (globalThis.Notification && Notification.permission === 'granted') {
    try {
      new Notification(t('tk.turn'), { body: t('tk.notify'), tag: 'lytt-turn' });
    } catch {
      // notifications from pages are not supported everywhere (Android Chrome wants a service worker)
    }
  }
}

function wirePage() {
  $('#start-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    join(form.get('preference') || 'none', form.get('language') || 'nb');
  });
  $('#chat-lang').addEventListener('change', () => { ui.chatLangTouched = true; });
  $('#leave-queue').addEventListener('click', () => transport.leave());
  $('#retry').addEventListener('click', () => join(ui.lastJoin.preference, ui.lastJoin.language));
  $('#new-chat').addEventListener('click', () => {
    ui.chatView = null;
    ui.ended = null;
    ui.counsellor = null;
    ui.safetyCode = null;
    ui.startNote = null;
    $('#chat-mount').replaceChildren();
    setPhase('start', $('#start-heading'));
  });
  // The chat language follows the page language until the visitor picks one.
  setupLanguageSwitch($('#lang-switch'), 'v.title', () => {
    if (!ui.chatLangTouched) $('#chat-lang').value = document.documentElement.lang;
    render();
  });
}

async function loadWeek() {
  const { status, body } = await getJson('/api/status');
  if (status !== 200 || !body) return;
  ui.zone = body.zone || ui.zone;
  ui.week = Array.isArray(body.week) ? body.week : [];
  // What the page promises about keeping requests follows the service's configuration.
  const kept = body.callbacks ?? {};
  if (Number.isInteger(kept.keptDays)) $('#cb-privacy').dataset.i18nParams = JSON.stringify({ days: kept.keptDays });
  if (Number.isInteger(kept.ticketMinutes)) $('#tk-keep-open').dataset.i18nParams = JSON.stringify({ minutes: kept.ticketMinutes });
  applyTranslations();
  if (!ui.status) ui.status = body; // the socket's welcome is fresher when it came first
  render();
}

async function main() {
  // Quick exit works from the first moment, before anything else has loaded.
  setupQuickExit($('#quick-exit'), () => {
    if (transport) transport.abandon();
    if (ui.chatView) ui.chatView.setEnded();
  });
  if (!(await cryptoSupported())) {
    takeEarlySocket()?.socket.close();
    location.replace('/too-old.html'); // no plaintext fallback, ever
    return;
  }
  // The socket opened while the page loaded; what the server said on it meanwhile (the welcome,
  // often) is handled once the page is wired, when the transport starts.
  transport = new VisitorTransport({ verifyOffer, connectionOptions: { early: takeEarlySocket() } });
  later = setupLater({
    loadCrypto,
    view: () => ({ status: ui.status, week: ui.week, zone: ui.zone }),
    onTicket: (ticket) => {
      ui.ticket = ticket;
      useTicket();
    },
  });
  wirePage();
  wireTransport();
  setPhase('start');
  transport.start();
  loadWeek();
  // Back from a flaky network: try at once instead of waiting out the backoff.
  window.addEventListener('online', () => transport.connection.isOpen || transport.connection.reconnectNow());
}

main();
