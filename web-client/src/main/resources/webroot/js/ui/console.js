// The counsellor console (/console): log in, make sure this device is certified, go on duty,
// watch the queue (never content), accept visitors and hold several chats at once as tabs.
//
// Device keys live in IndexedDB (device-store.js); chat keys only in memory, so a reload ends the
// chats that were open (the console says so). Protocol work is in transport/console.js.

import { createChatKey, createDeviceKeys, cryptoSupported, toB64u } from '../crypto/index.js';
import { formatElapsed, registerStrings, t } from '../i18n/index.js';
import consoleNb from '../i18n/console-nb.js';
import consoleEn from '../i18n/console-en.js';
import { getJson, postJson } from '../transport/http.js';
import { ConsoleTransport } from '../transport/console.js';
import { isQuietClose } from '../transport/connection.js';
import { ChatView } from './chat-view.js';
import { $, h, setupLanguageSwitch } from './dom.js';
import { loadOrCreateDevice } from './device-store.js';
import { setupCallbackDesk } from './callback-desk.js';
import { setupAlerts } from './alerts.js';
import { setupChatTools } from './chat-tools.js';
import { logIn } from './login.js';
import { setupTransfer } from './transfer.js';

registerStrings({ nb: consoleNb, en: consoleEn });

const ui = {
  me: null,
  device: null,          // DeviceKeys
  deviceState: null,     // 'working' | 'certified' | 'pending' | 'error' | 'storage' | 'rejected'
  transport: null,
  connected: false,
  connNote: null,
  duty: { status: 'off', capacity: 2 },
  queue: [],
  queueLength: 0,        // everyone waiting; `queue` holds only the head the server sends
  clockOffset: 0,        // server time − local time, from the queue frame's `now`
  acceptPending: false,
  acceptNote: null,
  chatsNote: null,
  chats: new Map(),      // chatId → {n, view, tab, panel, info, safety, closeButton, ended, unread, visitor}
  activeChat: null,
  chatCounter: 0,
  pendingKeys: new Map(), // chatId → chat key waiting for the visitor's handshake
};

/** Refusals of "Accept next" the console explains; anything else is a generic error. */
const ACCEPT_NOTES = ['capacity_reached', 'device_not_certified', 'no_match', 'wrong_state'];
const alerts = setupAlerts('c.title');
const transfer = setupTransfer({
  transport: () => ui.transport,
  device: () => (ui.deviceState === 'certified' ? ui.device : null),
  createChatKey,
  pendingKeys: ui.pendingKeys,
});

const desk = setupCallbackDesk({ device: () => (ui.deviceState === 'certified' ? ui.device : null) });
const tools = setupChatTools({ transport: () => ui.transport });

// ---- login and device -------------------------------------------------------------------------

function showLogin(noteKey) {
  $('#login').hidden = false;
  $('#workspace').hidden = true;
  $('#logout').hidden = true;
  $('#whoami').textContent = '';
  $('#login-error').textContent = noteKey ? t(noteKey) : '';
  $('#username').focus();
}

async function login(event) {
  event.preventDefault();
  const button = $('#login-button');
  button.disabled = true;
  const problem = await logIn();
  button.disabled = false;
  if (problem === null) {
    await enterWorkspace();
  } else {
    $('#login-error').textContent = problem;
  }
}

async function enterWorkspace() {
  const { status, body } = await getJson('/api/me');
  if (status !== 200 || !body) {
    showLogin(status === 401 ? null : 'error.unavailable');
    return;
  }
  ui.me = body;
  $('#login').hidden = true;
  $('#workspace').hidden = false;
  $('#logout').hidden = false;
  render();
  await setupDevice();
}

async function setupDevice() {
  ui.deviceState = 'working';
  render();
  try {
    ui.device = await loadOrCreateDevice(ui.me.username, createDeviceKeys);
  } catch {
    ui.deviceState = 'storage';
    render();
    return;
  }
  const { status, body } = await postJson('/api/devices', { idPub: toB64u(ui.device.idPub), encPub: toB64u(ui.device.encPub) });
  if (status === 401) {
    showLogin('c.sessionEnded');
    return;
  }
  deviceAnswer(status, body);
}

function deviceAnswer(status, body) {
  if (status !== 200 || !body) ui.deviceState = 'error';
  else if (body.deviceId && body.deviceId !== ui.device.deviceId) ui.deviceState = 'rejected';
  else ui.deviceState = body.status === 'certified' ? 'certified' : 'pending';
  render();
  if (ui.deviceState === 'certified' && !ui.transport) connect();
  if (ui.deviceState === 'certified') desk.start();
}

async function checkDevice() {
  if (ui.deviceState === 'error' || !ui.device) {
    await setupDevice();
    return;
  }
  const { status, body } = await getJson(`/api/devices/${encodeURIComponent(ui.device.deviceId)}`);
  deviceAnswer(status, body);
}

async function logout() {
  // End open chats properly (encrypted end marker) rather than leaving visitors to time out.
  if (ui.transport) {
    await Promise.all([...ui.chats.values()].filter((c) => !c.ended).map((c) => ui.transport.end(c.chatId)));
  }
  await postJson('/api/logout');
  teardown();
  showLogin();
}

/** Drops every chat key and the socket; the device keys stay in IndexedDB for the next login. */
function teardown() {
  desk.stop();
  if (ui.transport) ui.transport.stop();
  ui.transport = null;
  for (const key of ui.pendingKeys.values()) key.discard();
  ui.pendingKeys.clear();
  for (const chatId of [...ui.chats.keys()]) removeChat(chatId);
  alerts.reset();
  Object.assign(ui, { me: null, device: null, deviceState: null, connected: false, connNote: null, queue: [], queueLength: 0, acceptPending: false, acceptNote: null, chatsNote: null, duty: { status: 'off', capacity: 2 }, dutyNote: null });
  render();
}

// ---- transport --------------------------------------------------------------------------------

function connect() {
  const transport = new ConsoleTransport({
    deviceId: ui.device.deviceId,
    completeHandshake: (chatId, enc) => {
      const key = ui.pendingKeys.get(chatId);
      ui.pendingKeys.delete(chatId);
      if (!key) return Promise.reject(new Error('no chat key'));
      return key.accept(enc);
    },
  });
  ui.transport = transport;
  transfer.listen(transport);

  transport.on('connection', ({ state, code }) => {
    ui.connected = state === 'online';
    if (state === 'closed' && code === 4001) {
      teardown();
      showLogin('c.sessionEnded');
      return;
    }
    // A draining node's close is followed by a new socket (and resume) at once: nothing to show.
    if (state === 'offline' && !isQuietClose(code)) ui.connNote = 'conn.offline';
    else if (state === 'closed') ui.connNote = code === 4000 ? 'conn.elsewhere' : 'error.unavailable';
    else if (state === 'online') ui.connNote = null;
    render();
  });
  transport.on('welcome', ({ duty, maxCapacity, reconnected, reminderSeconds }) => {
    if (Number.isInteger(reminderSeconds)) alerts.configure(reminderSeconds);
    if (Number.isInteger(maxCapacity) && maxCapacity >= 1 && maxCapacity <= 16) setCapacityChoices(maxCapacity);
    const status = duty ? duty.status ?? (duty.on ? 'on' : 'off') : 'off';
    if (reconnected && ui.duty.status !== 'off' && status === 'off') {
      transport.setDuty(ui.duty.status, ui.duty.capacity); // a network blip should not take the counsellor off duty
    } else if (duty) {
      ui.duty = { status, capacity: duty.capacity || ui.duty.capacity };
      // Still on duty from before: say so again, which makes the server send the current queue.
      if (status !== 'off') transport.setDuty(status, ui.duty.capacity);
    }
    if (reconnected) desk.refreshSoon(); // changes signalled while the socket was away
    render();
  });
  transport.on('duty', (duty) => {
    ui.duty = { status: duty.status, capacity: duty.capacity || ui.duty.capacity };
    ui.dutyNote = null;
    if (duty.status === 'off') { ui.queue = []; ui.queueLength = 0; }
    alerts.duty(duty.status === 'on');
    render();
  });
  transport.on('dutyRefused', ({ code }) => {
    // Off duty with a chat still open: the server keeps the status it had.
    ui.duty = { ...ui.duty, status: ui.confirmedStatus };
    ui.dutyNote = code === 'wrong_state' ? 'c.duty.chatsOpen' : 'error.generic';
    render();
  });
  // Callbacks or tickets changed somewhere: fetch the list again now rather than at the next poll.
  transport.on('items', () => desk.refreshSoon());
  transport.on('queue', ({ now, entries, length }) => {
    if (Number.isFinite(now)) ui.clockOffset = now - Date.now();
    ui.queue = entries;
    // The frame lists the head of a long queue; `length` counts everyone waiting.
    ui.queueLength = Number.isInteger(length) ? length : entries.length;
    alerts.queue(entries, ui.duty.status === 'on', ui.clockOffset);
    render();
  });
  transport.on('orphan', ({ chatId }) => {
    transport.end(chatId);
    ui.chatsNote = 'c.orphan';
    render();
  });
  transport.on('accepted', ({ chatId, visitor, transferred }) => {
    if (!transferred) {
      ui.acceptPending = false;
      ui.acceptNote = null;
    }
    // A chat a colleague hands over arrives on its own: it must not pull the counsellor out of the
    // chat they are writing in, so it opens in the background, marked unread.
    const active = ui.chats.get(ui.activeChat);
    addChat(chatId, visitor, !transferred || !active || active.ended);
    render();
  });
  transport.on('acceptFailed', ({ code, chatId }) => {
    for (const [id, key] of ui.pendingKeys) {
      if (!chatId || id === chatId) {
        if (!ui.chats.has(id)) {
          key.discard();
          ui.pendingKeys.delete(id);
        }
      }
    }
    ui.acceptPending = false;
    ui.acceptNote = ACCEPT_NOTES.includes(code) ? `c.accept.${code}` : 'error.generic';
    render();
  });
  transport.on('chat', ({ chatId, safetyCode }) => {
    const chat = ui.chats.get(chatId);
    if (!chat) return;
    chat.safety = safetyCode;
    chat.view.addNotice('c.chat.started');
    chat.view.setReady(true);
    chat.connected = true;
    renderChat(chat);
    if (ui.activeChat === chatId) chat.view.focus();
  });
  transport.on('handshakeFailed', ({ chatId }) => {
    const chat = ui.chats.get(chatId);
    if (chat) chat.view.addNotice('c.ended.handshake', {}, 'warn');
  });
  transport.on('message', ({ chatId, inner }) => {
    const chat = ui.chats.get(chatId);
    if (!chat || !inner || inner.t !== 'text' || typeof inner.text !== 'string') return;
    chat.view.addPeerMessage(inner.text);
    alerts.message(chatId);
    if (ui.activeChat !== chatId) chat.unread = true;
    renderChat(chat);
  });
  transport.on('delivered', ({ chatId, seq }) => ui.chats.get(chatId)?.view.delivered(seq));
  transport.on('typing', ({ chatId }) => ui.chats.get(chatId)?.view.showTyping());
  transport.on('peer', ({ chatId, state }) => ui.chats.get(chatId)?.view.addNotice(state === 'away' ? 'c.chat.away' : 'c.chat.back'));
  transport.on('tampered', ({ chatId }) => ui.chats.get(chatId)?.view.addNotice('tampered', {}, 'warn'));
  transport.on('ended', ({ chatId, by, complete, to }) => {
    const chat = ui.chats.get(chatId);
    const key = ui.pendingKeys.get(chatId);
    if (key) key.discard();
    ui.pendingKeys.delete(chatId);
    if (!chat || chat.ended) return;
    chat.ended = true;
    chat.view.setEnded();
    // Only a conversation that took place is wrapped up: not an offer taken back or refused, and
    // not a chat handed to a colleague, who wraps it up when it ends.
    tools.ended(chat, { wrapUp: chat.connected && by !== 'transferred' && by !== 'unanswered' });
    chat.view.addNotice(by === 'visitor' ? 'c.ended.visitor' : by === 'counsellor' ? 'c.ended.counsellor'
      : by === 'transferred' ? 'c.ended.transferred' : 'c.ended.timeout', { to });
    if (!complete) chat.view.addNotice('c.ended.incomplete', {}, 'warn');
    if (ui.activeChat !== chatId) chat.unread = true;
    renderChat(chat);
    render();
  });
  transport.on('error', (frame) => {
    if (frame.code === 'device_not_certified') {
      ui.deviceState = 'pending';
      render();
    }
  });
  transport.start();
}

async function acceptNext() {
  if (ui.acceptPending || !ui.transport) return;
  ui.acceptPending = true;
  ui.acceptNote = null;
  render();
  let key;
  try {
    key = await createChatKey(ui.device);
  } catch {
    ui.acceptPending = false;
    ui.acceptNote = 'error.generic';
    render();
    return;
  }
  ui.pendingKeys.set(key.chatId, key);
  if (!ui.transport.accept(key)) {
    key.discard();
    ui.pendingKeys.delete(key.chatId);
    ui.acceptPending = false;
    ui.acceptNote = 'error.unavailable';
    render();
  }
}

/** The capacity select offers 1…the server's `limits.max-capacity` (4 unless configured). */
function setCapacityChoices(max) {
  const select = $('#capacity');
  if (select.options.length === max) return;
  select.replaceChildren(...Array.from({ length: max }, (_, i) => h('option', { value: String(i + 1) }, String(i + 1))));
  ui.duty.capacity = Math.min(ui.duty.capacity, max);
}

function sendDuty() {
  const chosen = document.querySelector('input[name="duty"]:checked');
  const status = chosen ? chosen.value : 'off';
  const capacity = Number($('#capacity').value) || 2;
  ui.confirmedStatus = ui.duty.status;
  ui.duty = { status, capacity };
  ui.dutyNote = null;
  if (!ui.transport || !ui.transport.setDuty(status, capacity)) ui.connNote = 'error.unavailable';
  render();
}

// ---- chats as tabs ----------------------------------------------------------------------------

/** @param {boolean} select whether the new chat comes into view (and takes focus) */
function addChat(chatId, visitor, select = true) {
  const n = ++ui.chatCounter;
  const tabId = `tab-${n}`;
  const panelId = `panel-${n}`;
  const chat = { chatId, n, visitor, ended: false, unread: false, connected: false, safety: null };
  chat.view = new ChatView({
    peerName: () => t('c.visitor'),
    typingKey: 'c.chat.typing',
    send: (text) => ui.transport.sendText(chatId, text),
    typing: () => ui.transport.typing(chatId),
    end: () => ui.transport.end(chatId),
  });
  chat.label = h('span');
  chat.marker = h('span', { class: 'unread', hidden: true }, h('span', { class: 'visually-hidden' }));
  chat.tab = h('button', { type: 'button', role: 'tab', id: tabId, 'aria-controls': panelId, class: 'tab', onclick: () => selectChat(chatId) },
    chat.label, chat.marker);
  chat.tab.addEventListener('keydown', tabKeys);
  chat.info = h('p', { class: 'chat-info' });
  chat.closeButton = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => removeChat(chatId) });
  chat.panel = h('div', { role: 'tabpanel', id: panelId, 'aria-labelledby': tabId, class: 'tabpanel', hidden: true },
    chat.info, chat.view.root, chat.closeButton);
  chat.view.addNotice('c.chat.waiting');
  chat.view.setReady(false);
  $('#chat-tabs').append(chat.tab);
  $('#chat-panels').append(chat.panel);
  ui.chats.set(chatId, chat);
  tools.attach(chat);
  transfer.attach(chat);
  if (select) {
    selectChat(chatId);
  } else {
    chat.unread = true;
    renderChat(chat);
  }
}

function removeChat(chatId) {
  const chat = ui.chats.get(chatId);
  if (!chat) return;
  if (!chat.ended && ui.transport) ui.transport.end(chatId);
  chat.view.setEnded();
  alerts.gone(chatId);
  chat.tab.remove();
  chat.panel.remove();
  ui.chats.delete(chatId);
  transfer.detach(chatId);
  if (ui.activeChat === chatId) {
    ui.activeChat = null;
    const next = [...ui.chats.keys()].pop();
    if (next) selectChat(next);
  }
  render();
}

function selectChat(chatId) {
  ui.activeChat = chatId;
  for (const chat of ui.chats.values()) {
    const active = chat.chatId === chatId;
    chat.tab.setAttribute('aria-selected', String(active));
    chat.tab.tabIndex = active ? 0 : -1;
    chat.panel.hidden = !active;
    if (active) chat.unread = false;
    renderChat(chat);
  }
  alerts.shown(chatId);
  ui.chats.get(chatId)?.view.focus();
  render();
}

/** Arrow keys move between tabs (WAI-ARIA tabs pattern). */
function tabKeys(event) {
  const ids = [...ui.chats.keys()];
  const i = ids.indexOf(ui.activeChat);
  let next = null;
  if (event.key === 'ArrowRight') next = ids[(i + 1) % ids.length];
  else if (event.key === 'ArrowLeft') next = ids[(i - 1 + ids.length) % ids.length];
  else if (event.key === 'Home') next = ids[0];
  else if (event.key === 'End') next = ids[ids.length - 1];
  if (!next) return;
  event.preventDefault();
  selectChat(next);
  ui.chats.get(next).tab.focus();
}

function renderChat(chat) {
  chat.label.textContent = t('c.chat.tab', { n: chat.n }) + (chat.visitor?.language ? ` · ${chat.visitor.language}` : '');
  chat.tab.classList.toggle('is-ended', chat.ended);
  chat.marker.hidden = !chat.unread;
  chat.marker.firstChild.textContent = ` (${t('c.chat.unread')})`;
  const parts = [t('c.chat.visitorInfo', { pref: t(`c.pref.${chat.visitor?.preference ?? 'none'}`), lang: chat.visitor?.language ?? '–' })];
  if (chat.safety) parts.push(t('c.chat.safety', { code: chat.safety }));
  chat.info.textContent = parts.join(' · ');
  chat.closeButton.textContent = t('c.chat.close');
  chat.closeButton.hidden = !chat.ended;
  chat.view.relabel();
  tools.relabel(chat);
  transfer.render(chat);
}

// ---- rendering --------------------------------------------------------------------------------

function render() {
  $('#whoami').textContent = ui.me ? t('c.signedInAs', { name: ui.me.displayName || ui.me.username }) : '';
  const banner = $('#conn');
  banner.hidden = !ui.connNote;
  banner.textContent = ui.connNote ? t(ui.connNote) : '';
  renderDevice();
  renderDuty();
  renderQueue();
  const open = [...ui.chats.values()];
  $('#chats-none').hidden = open.length > 0;
  $('#chat-tabs').hidden = open.length === 0;
  $('#chats-note').textContent = ui.chatsNote ? t(ui.chatsNote) : '';
}

function renderDevice() {
  $('#fingerprint').textContent = ui.device ? ui.device.fingerprint : '…';
  const key = { working: 'c.device.working', certified: 'c.device.certified', pending: 'c.device.pending', error: 'c.device.error', storage: 'c.device.storage', rejected: 'c.device.rejected' }[ui.deviceState];
  const status = $('#device-status');
  status.textContent = key ? t(key) : '';
  status.className = ui.deviceState === 'certified' ? 'ok' : ui.deviceState === 'working' ? '' : 'warn';
  $('#device-check').hidden = !(ui.deviceState === 'pending' || ui.deviceState === 'error');
}

function renderDuty() {
  const usable = ui.deviceState === 'certified' && ui.connected;
  for (const status of ['on', 'break', 'off']) {
    const radio = $(`#duty-${status}`);
    radio.checked = ui.duty.status === status;
    radio.disabled = !usable;
  }
  $('#duty-note').textContent = ui.dutyNote ? t(ui.dutyNote) : '';
  $('#capacity').value = String(ui.duty.capacity);
  $('#capacity').disabled = !usable;
}

function activeChats() {
  return [...ui.chats.values()].filter((c) => !c.ended).length;
}

function renderQueue() {
  // On a break the queue stays in view (who is waiting, for how long); only accepting stops.
  const watching = ui.duty.status !== 'off';
  const entries = watching ? ui.queue : [];
  $('#queue-count').textContent = watching ? `(${Math.max(ui.queueLength ?? 0, entries.length)})` : '';
  $('#queue-table').hidden = entries.length === 0;
  $('#queue-empty').textContent = watching ? (entries.length ? '' : t('c.queue.empty')) : t('c.queue.offDuty');
  const now = Date.now() + ui.clockOffset;
  $('#queue-rows').replaceChildren(...entries.map((e) => h('tr', {},
    h('td', { class: 'waited' }, formatElapsed(now - e.joinedAt)),
    h('td', {}, t(`c.pref.${e.preference}`)),
    h('td', {}, e.language ?? ''))));
  $('#accept-next').disabled = !(ui.deviceState === 'certified' && ui.connected && ui.duty.status === 'on'
    && !ui.acceptPending && entries.length > 0 && activeChats() < ui.duty.capacity);
  $('#accept-note').textContent = ui.acceptNote ? t(ui.acceptNote) : '';
}

/** The waited times tick every second without touching the rest of the page. */
function tickQueue() {
  if (ui.duty.status === 'off' || ui.queue.length === 0) return;
  const now = Date.now() + ui.clockOffset;
  const cells = document.querySelectorAll('#queue-rows td.waited');
  ui.queue.forEach((e, i) => {
    if (cells[i]) cells[i].textContent = formatElapsed(now - e.joinedAt);
  });
}

// ---- session keep-alive ----------------------------------------------------------------------

// The server ends a session after session.idle-minutes without a request, but a counsellor
// chatting for an hour sends everything over the WebSocket, not HTTP. So while the counsellor is
// active in this page (a key or a click within the last minute), the page tells the server once a
// minute with GET /api/me; a counsellor who has gone from the desk sends nothing and the session
// ends on time. If the answer is 401 (idle or absolute limit passed, password changed elsewhere),
// the console is locked at once rather than at the next reconnect.
const KEEPALIVE_MS = 60 * 1000;
let activeSincePing = false;

function noteActivity() {
  activeSincePing = true;
}

async function keepAlive() {
  if (!ui.me || !activeSincePing) return;
  activeSincePing = false;
  const { status } = await getJson('/api/me');
  if (status === 401 && ui.me) {
    teardown();
    showLogin('c.sessionEnded');
  }
}

// ---- start ------------------------------------------------------------------------------------

async function main() {
  if (!(await cryptoSupported())) {
    location.replace('/too-old.html');
    return;
  }
  setupLanguageSwitch($('#lang-switch'), 'c.title', () => {
    render();
    alerts.render();
    for (const chat of ui.chats.values()) renderChat(chat);
  });
  $('#login-form').addEventListener('submit', login);
  $('#logout').addEventListener('click', logout);
  $('#device-check').addEventListener('click', checkDevice);
  for (const radio of document.querySelectorAll('input[name="duty"]')) radio.addEventListener('change', sendDuty);
  $('#capacity').addEventListener('change', sendDuty);
  $('#accept-next').addEventListener('click', acceptNext);
  setInterval(tickQueue, 1000);
  document.addEventListener('keydown', noteActivity, { passive: true });
  document.addEventListener('pointerdown', noteActivity, { passive: true });
  setInterval(keepAlive, KEEPALIVE_MS);
  window.addEventListener('online', () => ui.transport && !ui.transport.connection.isOpen && ui.transport.connection.reconnectNow());
  await enterWorkspace(); // a still-valid session skips the login form
}

main();
