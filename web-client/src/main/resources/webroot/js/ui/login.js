// Logging in, from the console or the administration page: one request and one reading of its
// answers, so both pages ask for the second factor and report a block the same way.
import { t } from '../i18n/index.js';
import { postJson } from '../transport/http.js';
import { $ } from './dom.js';

/**
 * Sends the log-in form (#username, #password, #totp). Completes with null once logged in, else
 * with the text to show. The password stays in its field only when the server asks for the code.
 */
export async function logIn() {
  const code = $('#totp').value.trim();
  const { status, body } = await postJson('/api/login', {
    username: $('#username').value.trim(), password: $('#password').value, ...(code ? { code } : {}),
  });
  $('#totp').value = '';
  if (status === 204 || status === 200) {
    $('#password').value = '';
    return null;
  }
  if (body?.code === 'code_required') {
    $('#totp').focus();
    return t('c.codeRequired');
  }
  $('#password').value = '';
  if (body?.code === 'no_second_factor') return t('c.noSecondFactor');
  if (status === 429) {
    return t('c.loginThrottled', { minutes: Math.max(1, Math.ceil((body?.retryAfterSeconds ?? 60) / 60)) });
  }
  return t(status === 401 ? 'c.loginFailed' : 'error.unavailable');
}
