// The administration page (/admin): accounts by invitation, and console devices certified with the
// organisation key opened in this browser (crypto/org-key.js) or revoked. Role checks are the
// server's; this page only shows what the API lets it (a counsellor sees a notice, nothing else).

import { certifyDevice, openOrgKeyFile } from '../crypto/org-key.js';
import { registerStrings, t, formatWhen } from '../i18n/index.js';
import consoleNb from '../i18n/console-nb.js';
import consoleEn from '../i18n/console-en.js';
import adminNb from '../i18n/admin-nb.js';
import adminEn from '../i18n/admin-en.js';
import { getJson, postJson } from '../transport/http.js';
import { $, h, metaContent, onSubmit, pressOnce, setupLanguageSwitch } from './dom.js';
import { logIn } from './login.js';
import { setupOverview } from './overview.js';
import { setupStatistics } from './statistics.js';
import { setupAdminLists } from './admin-lists.js';
import { createHoursEditor } from './hours-editor.js';

registerStrings({ nb: { ...consoleNb, ...adminNb }, en: { ...consoleEn, ...adminEn } });

/** A year: long enough not to burden a small team, short enough to bound a stolen device's certificate. */
const VALIDITY_SECONDS = 365 * 24 * 3600;
/** Tolerates a counsellor's browser clock a little behind this one. */
const SKEW_SECONDS = 300;

const overview = setupOverview();
const statistics = setupStatistics();

let listsLoader = async () => {};
const ui = { me: null, accounts: [], devices: [], certifying: null, editing: null, invitation: null, note: null, certifyNote: null };

function noteFrom(body) {
  const specific = body?.code && t(`a.failed.${body.code}`);
  return specific && specific !== `a.failed.${body.code}` ? specific : t('a.failed', { message: body?.message ?? '' });
}

/** A row's button: the list drawn after a press may put "Enable" where "Disable" was. */
function button(label, onclick, cls = 'secondary') {
  return h('button', { type: 'button', class: cls, onclick: pressOnce(onclick) }, label);
}

function accountState(a) {
  if (a.disabled) return t('a.state.disabled');
  return t(a.password ? 'a.state.active' : 'a.state.invited');
}

function renderAccounts() {
  $('#account-rows').replaceChildren(...ui.accounts.map((a) => h('tr', {},
    h('td', {}, a.username), h('td', {}, a.displayName), h('td', {}, t(`a.role.${a.role}`)),
    h('td', {}, accountState(a)),
    h('td', {},
      a.disabled
        ? button(t('a.enable', { name: a.username }), () => act(`/api/admin/accounts/${a.username}/enable`))
        : button(t('a.disable', { name: a.username }), () => act(`/api/admin/accounts/${a.username}/disable`)),
      ' ',
      button(t('a.edit', { name: a.username }), () => startEdit(a)),
      ' ',
      button(t('a.reset', { name: a.username }), () => act(`/api/admin/accounts/${a.username}/reset`, true))))));
  $('#edit-account').hidden = !ui.editing;
  $('#invitation').hidden = !ui.invitation;
  if (ui.invitation) {
    $('#invitation-text').textContent = t('a.link', { name: ui.invitation.username });
    $('#invitation-link').textContent = ui.invitation.link;
  }
}

function deviceState(d) {
  if (d.status === 'certified') return t('a.dev.certified', { date: formatWhen(new Date(d.notAfter * 1000).toISOString()) });
  return t(d.status === 'revoked' ? 'a.dev.revoked' : 'a.dev.pending');
}

function renderDevices() {
  $('#devices-empty').hidden = ui.devices.length > 0;
  $('#device-rows').replaceChildren(...ui.devices.map((d) => h('tr', { 'data-device': d.deviceId },
    h('td', {}, d.username), h('td', {}, h('code', {}, d.fingerprint)),
    h('td', {}, formatWhen(new Date(d.registeredAt).toISOString())), h('td', {}, deviceState(d)),
    h('td', {},
      d.status === 'pending' ? button(t('a.certify', { name: d.username }), () => startCertify(d), 'primary') : null,
      ' ',
      d.status !== 'revoked' ? button(t('a.revoke', { name: d.username }), () => act(`/api/admin/devices/${d.deviceId}/revoke`)) : null))));
  $('#certify').hidden = !ui.certifying;
  if (ui.certifying) {
    $('#certify-fingerprint').textContent = ui.certifying.fingerprint;
    $('#certify-owner').textContent = ui.certifying.username;
  }
  $('#certify-status').textContent = ui.certifyNote ? t(ui.certifyNote) : '';
}

const hours = createHoursEditor($('#hours-editor'), { onUnauthorized: () => showLogin() });

function render() {
  $('#admin-note').textContent = ui.note ?? '';
  if (ui.me) $('#whoami').textContent = t('c.signedInAs', { name: ui.me.displayName });
  $('#not-admin-text').textContent = ui.me ? t('a.notAdmin', { name: ui.me.username }) : '';
  renderAccounts();
  renderDevices();
  hours.render();
}

async function refresh() {
  const [accounts, devices] = await Promise.all([getJson('/api/admin/accounts'), getJson('/api/admin/devices')]);
  if (accounts.status === 401 || devices.status === 401) return showLogin();
  ui.accounts = accounts.body?.accounts ?? [];
  ui.devices = devices.body?.devices ?? [];
  render();
}

async function act(path, showsInvitation = false) {
  const { status, body } = await postJson(path);
  ui.note = status === 200 ? null : noteFrom(body);
  if (status === 200 && showsInvitation) ui.invitation = body;
  await refresh();
}

async function createAccount(event) {
  event.preventDefault();
  const languages = ['nb', 'en'].filter((l) => $(`#new-lang-${l}`).checked);
  const { status, body } = await postJson('/api/admin/accounts', {
    username: $('#new-username').value.trim(), displayName: $('#new-name').value.trim(),
    gender: $('#new-gender').value, languages, role: $('#new-role').value,
  });
  if (status === 201) {
    ui.invitation = body;
    ui.note = null;
    $('#new-account').reset();
  } else {
    ui.note = noteFrom(body);
  }
  await refresh();
}

/** Display name, gender (what visitors may ask for), languages and role; the username stays. */
function startEdit(account) {
  ui.editing = account.username;
  $('#edit-heading').textContent = t('a.edit', { name: account.username });
  $('#edit-name').value = account.displayName;
  $('#edit-gender').value = account.gender;
  for (const l of ['nb', 'en']) $(`#edit-lang-${l}`).checked = (account.languages ?? []).includes(l);
  $('#edit-role').value = account.role;
  render();
  $('#edit-name').focus();
}

async function saveEdit(event) {
  event.preventDefault();
  const languages = ['nb', 'en'].filter((l) => $(`#edit-lang-${l}`).checked);
  const { status, body } = await postJson(`/api/admin/accounts/${ui.editing}/edit`, {
    displayName: $('#edit-name').value.trim(), gender: $('#edit-gender').value, languages, role: $('#edit-role').value,
  });
  ui.note = status === 200 ? null : noteFrom(body);
  if (status === 200) ui.editing = null;
  await refresh();
}

function startCertify(device) {
  ui.certifying = device;
  ui.certifyNote = null;
  render();
  $('#key-file').focus();
}

async function certify(event) {
  event.preventDefault();
  const device = ui.certifying;
  const file = $('#key-file').files[0];
  if (!device || !file) return;
  const owner = ui.accounts.find((a) => a.username === device.username);
  ui.certifyNote = 'a.signing';
  render();
  let key;
  try {
    key = await openOrgKeyFile(await file.text(), $('#passphrase').value);
  } catch (e) {
    ui.certifyNote = e?.reason === 'bad_passphrase' ? 'a.badPassphrase' : 'a.badKeyFile';
    return render();
  } finally {
    $('#passphrase').value = '';
  }
  if (key.publicKey !== metaContent('lytt-org-key')) {
    ui.certifyNote = 'a.otherKey';
    return render();
  }
  const now = Math.floor(Date.now() / 1000);
  const certificate = await certifyDevice(key, device, owner?.displayName ?? '', now - SKEW_SECONDS, now + VALIDITY_SECONDS);
  const { status, body } = await postJson(`/api/admin/devices/${device.deviceId}/certificate`, { certificate });
  if (status === 200) {
    ui.certifying = null;
    ui.certifyNote = null;
    ui.note = t('a.certified');
    $('#certify').reset();
  } else {
    ui.certifyNote = null;
    ui.note = noteFrom(body);
  }
  await refresh();
}

function showLogin() {
  $('#login').hidden = false;
  $('#admin').hidden = true;
  $('#not-admin').hidden = true;
  $('#logout').hidden = true;
  $('#username').focus();
}

async function login(event) {
  event.preventDefault();
  ui.note = await logIn();
  if (ui.note === null) return enter();
  render();
}

async function enter() {
  const { status, body } = await getJson('/api/me');
  if (status !== 200) return showLogin();
  ui.me = body;
  $('#login').hidden = true;
  $('#logout').hidden = false;
  const admin = body.role === 'admin';
  $('#admin').hidden = !admin;
  $('#not-admin').hidden = admin;
  render();
  if (!admin) return;
  await Promise.all([refresh(), listsLoader(), hours.load()]);
  overview.start();
  statistics.start();
}

async function start() {
  const lists = setupAdminLists($('#lists-body'));
  listsLoader = lists.load;
  setupLanguageSwitch($('#lang-switch'), 'a.title', () => {
    render();
    lists.render();
  });
  $('#login-form').addEventListener('submit', login);
  onSubmit($('#new-account'), createAccount);
  onSubmit($('#edit-account'), saveEdit);
  $('#edit-cancel').addEventListener('click', () => {
    ui.editing = null;
    render();
  });
  // Opening the key file takes seconds (Argon2): a second press would sign twice.
  onSubmit($('#certify'), certify);
  $('#certify-cancel').addEventListener('click', () => {
    ui.certifying = null;
    render();
  });
  $('#logout').addEventListener('click', async () => {
    await postJson('/api/logout');
    overview.stop();
    ui.me = null;
    showLogin();
  });
  await enter();
}

start();
