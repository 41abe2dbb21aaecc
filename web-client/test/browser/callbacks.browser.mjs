// Callbacks in real Chromium: a visitor asks to be called back, gets a code only after the server
// has stored the request, and follows it with the code alone while a counsellor claims it, calls,
// gets no answer, calls again, replies and marks it done; a second request is cancelled. Neither
// the phone number, the note nor the code ever leaves the visitor's page in the clear.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, consoleAndVisitor, counsellorOnDuty, slowed, switchTo } from './helpers.mjs';

const PHONE_TYPED = '912 34 567';
const PHONE = '+4791234567';
const NOTE = `Ikke legg igjen beskjed ${Date.now()}`;

/** Every request body and URL the page sends. */
function sent(page) {
  const out = [];
  page.on('request', (r) => out.push(`${r.url()} ${r.postData() ?? ''}`));
  page.on('websocket', (ws) => ws.on('framesent', (f) => out.push(String(f.payload))));
  return out;
}

async function requestCallback(v, note, phone = PHONE_TYPED) {
  await v.getByRole('heading', { name: 'Request a callback' }).waitFor();
  await v.getByLabel('Phone number', { exact: true }).fill(phone);
  await v.locator('#cb-window-list input[type=checkbox]').first().check();
  await v.getByLabel(/Anything we should know/).fill(note);
  const before = await v.locator('#code-value').textContent();
  await v.getByRole('button', { name: 'Send request', exact: true }).click();
  const code = v.getByLabel('Your code', { exact: true });
  // A new code, not the one shown for an earlier request.
  await v.waitForFunction((old) => {
    const now = document.querySelector('#code-value').textContent;
    return now.length > 0 && now !== old;
  }, before);
  const text = await code.textContent();
  assert.match(text, /^([0-9A-Z]{4} ){5}[0-9A-Z]{4}$/, 'a 24-character code in groups of four');
  return text;
}

async function checkStatus(v, code, expected) {
  await v.getByLabel('Code', { exact: true }).fill(code);
  await v.getByRole('button', { name: 'Check status', exact: true }).click();
  await v.locator('#check-result').getByText(expected).waitFor();
}

test('a callback is requested, claimed, retried, answered and done; another is cancelled', { timeout: 180000 }, async (t) => {
  const { c, v } = await consoleAndVisitor(t);
  await counsellorOnDuty(c);
  const visitorSent = sent(v);
  await v.goto(`${BASE}/`);
  await switchTo(v, 'en');

  await v.getByLabel('Phone number', { exact: true }).fill('12');
  await v.locator('#cb-window-list input[type=checkbox]').first().check();
  await v.getByRole('button', { name: 'Send request', exact: true }).click();
  await v.getByText('That does not look like a phone number.').waitFor();

  const code = await requestCallback(v, NOTE);
  await checkStatus(v, code, 'Waiting.');

  const claim = c.getByRole('button', { name: 'Claim', exact: true });
  // The server's `items` signal refreshes the list; polling alone would take up to a minute.
  await claim.waitFor({ timeout: 15000 });
  await claim.click();
  await c.getByText(PHONE).waitFor();
  await c.getByText(NOTE).waitFor();
  await c.getByRole('button', { name: 'Called', exact: true }).click();
  await checkStatus(v, code, 'A counsellor is calling you now.');

  await c.getByRole('button', { name: 'No answer', exact: true }).click();
  await checkStatus(v, code, /We could not reach you \(tried 1 time\)/);

  await c.getByRole('button', { name: 'Claim', exact: true }).click();
  const reply = c.getByLabel(/Reply to the visitor/);
  await reply.fill('We will try again tomorrow at six.');

  // Another request arrives while the counsellor writes: the list is drawn anew, the reply stays.
  const second = await requestCallback(v, 'second');
  await c.getByRole('button', { name: 'Claim', exact: true }).waitFor({ timeout: 15000 });
  assert.equal(await reply.inputValue(), 'We will try again tomorrow at six.');
  assert.ok(await reply.evaluate((el) => el === document.activeElement), 'the reply box keeps the caret');

  // A slow reply is not overtaken by "Done" clicked right after it.
  await slowed(c, '**/reply', 1000);
  await c.getByRole('button', { name: 'Send reply', exact: true }).click();
  await c.getByRole('button', { name: 'Done', exact: true }).click();
  await c.getByRole('button', { name: 'Done', exact: true }).waitFor({ state: 'detached' });
  await checkStatus(v, code, 'Done. Your number has been deleted.');
  await v.getByText('We will try again tomorrow at six.').waitFor();

  await checkStatus(v, second, 'Waiting.');
  // An impatient double tap on a slow connection deletes once and says so.
  const cancels = await slowed(v, '**/api/code/cancel', 500);
  await v.getByRole('button', { name: 'Cancel', exact: true }).dblclick();
  await v.getByText('Your request has been deleted.').waitFor();
  await new Promise((r) => setTimeout(r, 1000)); // what a second request's answer would need to land
  assert.equal(cancels.count, 1, 'one request for two taps');
  assert.equal(await v.locator('#check-result').textContent(), 'Your request has been deleted.');
  await checkStatus(v, second, 'We find nothing with this code.');
  await checkStatus(v, 'AAAA BBBB CCCC DDDD EEEE FFFF', 'We find nothing with this code.');
  await c.getByText('Nobody is waiting for a call.').waitFor();

  const wire = visitorSent.join('\n');
  for (const secret of [PHONE, '91234567', NOTE, code, code.replace(/ /g, ''), second]) {
    assert.ok(!wire.includes(secret), `the page sent ${secret.slice(0, 4)}… in the clear`);
  }
});

test('a request stored although its answer was lost, then corrected, leaves one callback: the corrected one', { timeout: 120000 }, async (t) => {
  const { c, v } = await consoleAndVisitor(t);
  await counsellorOnDuty(c);
  await v.goto(`${BASE}/`);
  await switchTo(v, 'en');
  let answersLost = 1;
  await v.route('**/api/callbacks', async (route) => {
    if (answersLost === 0) return route.continue();
    answersLost -= 1;
    await route.fetch(); // the server stores it …
    return route.abort('connectionreset'); // … and the answer never reaches the phone
  });
  await v.getByLabel('Phone number', { exact: true }).fill('912 00 001');
  await v.locator('#cb-window-list input[type=checkbox]').first().check();
  await v.getByRole('button', { name: 'Send request', exact: true }).click();
  await v.waitForFunction(() => document.querySelector('#cb-note').textContent && !document.querySelector('#cb-send').disabled);
  assert.equal(await v.locator('#code-panel').isHidden(), true, 'no code is shown for a request not known to be stored');

  // The visitor notices a typo and sends again.
  await requestCallback(v, '', '912 00 002');

  await c.getByRole('button', { name: 'Claim', exact: true }).click();
  await c.getByText('+4791200002').waitFor();
  assert.equal(await c.locator('li.callback').count(), 1, 'the first request, never shown with a code, is gone');
  await c.getByRole('button', { name: 'Done', exact: true }).click();
  await c.getByText('Nobody is waiting for a call.').waitFor();
});
