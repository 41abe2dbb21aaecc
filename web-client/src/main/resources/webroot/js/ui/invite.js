// The invitation page (/invite#<token>): the invitee chooses a password, adds the second factor to
// an authenticator app and confirms one code; only then is the account usable (docs/protocol.md,
// "Administration"). The token is read from the fragment, which no request carries, and the
// fragment is dropped from the address bar and history at once.

import { registerStrings, t } from '../i18n/index.js';
import adminNb from '../i18n/admin-nb.js';
import adminEn from '../i18n/admin-en.js';
import { postJson } from '../transport/http.js';
import { $, onSubmit, setupLanguageSwitch } from './dom.js';

registerStrings({ nb: adminNb, en: adminEn });

const token = location.hash.slice(1);
history.replaceState(null, '', location.pathname);
const state = { invitee: null, step: 'loading', note: null, error: null };

function render() {
  $('#invite-note').textContent = state.invitee && state.step !== 'done'
    ? t('i.welcome', { name: state.invitee.displayName, username: state.invitee.username })
    : state.note ? t(state.note) : '';
  $('#invite-error').textContent = state.error ? t(state.error) : '';
  $('#password-form').hidden = state.step !== 'password';
  $('#enrol-form').hidden = state.step !== 'enrol';
  $('#invite-done').hidden = state.step !== 'done';
}

function fail(body) {
  if (body?.code === 'invalid_invitation') {
    Object.assign(state, { step: 'invalid', note: 'i.invalid', error: null, invitee: null });
  } else {
    state.error = body?.code === 'weak_password' ? 'i.weak'
      : body?.code === 'bad_credentials' ? 'i.wrongCode' : 'error.unavailable';
  }
  render();
}

async function choosePassword(event) {
  event.preventDefault();
  const password = $('#new-password').value;
  if (password !== $('#repeat-password').value) {
    state.error = 'i.mismatch';
    render();
    return;
  }
  const { status, body } = await postJson('/api/invitation/password', { token, password });
  if (status !== 200) return fail(body);
  $('#new-password').value = '';
  $('#repeat-password').value = '';
  $('#totp-secret').textContent = body.secret.match(/.{1,4}/g).join(' ');
  $('#otpauth-link').href = body.otpauth;
  Object.assign(state, { step: 'enrol', error: null });
  render();
  $('#enrol-code').focus();
}

async function confirm(event) {
  event.preventDefault();
  const { status, body } = await postJson('/api/invitation/confirm', { token, code: $('#enrol-code').value.trim() });
  $('#enrol-code').value = '';
  if (status !== 204) return fail(body);
  Object.assign(state, { step: 'done', note: 'i.done', error: null });
  render();
}

async function start() {
  setupLanguageSwitch($('#lang-switch'), 'i.title', render);
  // Sent twice, the second answer's secret would replace the first's on the server, and the
  // authenticator set up from the one shown would never match.
  onSubmit($('#password-form'), choosePassword);
  onSubmit($('#enrol-form'), confirm);
  $('#start-over').addEventListener('click', () => {
    Object.assign(state, { step: 'password', error: null });
    render();
  });
  const { status, body } = token ? await postJson('/api/invitation', { token }) : { status: 404, body: { code: 'invalid_invitation' } };
  if (status !== 200) return fail(body);
  state.invitee = body;
  $('#invite-username').value = body.username;
  state.step = 'password';
  render();
  $('#new-password').focus();
}

start();
