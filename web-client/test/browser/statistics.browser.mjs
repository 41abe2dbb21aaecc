// Statistics, "Now" and the console's title count in real Chromium against a node of its own (so its counters are this
// script's alone): a visitor chats with the counsellor and ends the chat; the administrator opens
// Statistics, sees a chart and, in the table beside it, the contact counted as "<5"; downloads the
// CSV and finds "<5" in it; opens "Now" and sees the counsellor on duty. No CSP violation on the way.
// Environment (besides helpers.mjs): LYTT_ADMIN_PASSWORD.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { TIMEOUT, adminLogsInInEnglish, consoleAndVisitor, counsellorOnDuty, newPage, visitorJoins } from './helpers.mjs';

const ADMIN_PASSWORD = process.env.LYTT_ADMIN_PASSWORD || '';
const cspProblems = (log) => log.console.filter(([, text]) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)|'integrity' attribute/i.test(text));

test('a finished chat shows in the statistics as "<5", in the CSV too, and "Now" shows who is on duty', { timeout: 120000 }, async (t) => {
  assert.ok(ADMIN_PASSWORD, 'set LYTT_ADMIN_PASSWORD');
  const { browser, c, v } = await consoleAndVisitor(t);
  await counsellorOnDuty(c);
  // The console counts the waiting visitor in its title, and its tone can be muted and unmuted.
  await visitorJoins(v);
  await c.waitForFunction(() => document.title === '(1) Lytt – console');
  const sound = c.getByRole('button', { name: 'Alert sound', exact: true });
  assert.equal(await sound.getAttribute('aria-pressed'), 'true');
  await sound.click();
  assert.equal(await sound.getAttribute('aria-pressed'), 'false');
  await sound.click();
  await c.getByRole('button', { name: 'Accept next', exact: true }).click();
  await v.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  await c.waitForFunction(() => document.title === 'Lytt – console');
  await v.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello');
  await v.getByRole('button', { name: 'Send', exact: true }).click();
  await c.getByText('Hello').waitFor();
  await v.getByRole('button', { name: 'End chat', exact: true }).click();
  await c.getByText('The visitor ended the chat.').waitFor();

  const admin = await newPage(browser, { width: 1280, height: 1000 });
  const a = admin.page;
  await adminLogsInInEnglish(a, ADMIN_PASSWORD);
  await a.getByRole('heading', { name: 'Statistics', exact: true }).waitFor();

  // The counters are written just after the end is announced: ask again until the chat is in.
  const contacts = a.getByRole('table', { name: 'Contacts, per period' });
  const answered = contacts.locator('tbody tr').last().locator('td').nth(1);
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await a.getByRole('button', { name: 'Show statistics', exact: true }).click();
    await contacts.waitFor();
    if ((await answered.textContent()) === '<5' || Date.now() > deadline) break;
    await a.waitForTimeout(300);
  }
  assert.equal(await contacts.getByRole('columnheader').nth(2).textContent(), 'Answered');
  assert.equal(await answered.textContent(), '<5', 'one answered contact leaves the server as "<5"');
  const length = a.getByRole('table', { name: 'Chat length, per period' });
  assert.equal(await length.locator('tbody tr').last().locator('td').first().textContent(), '<5', 'a chat of 0–5 minutes');
  await a.locator('[data-group="contacts"] .stats-chart canvas').first().waitFor();
  assert.equal(await a.getByRole('img', { name: /^Chart: Contacts/ }).count(), 1, 'the chart has a name and points to the table');

  const [download] = await Promise.all([a.waitForEvent('download'),
    a.getByRole('button', { name: 'Export CSV', exact: true }).click()]);
  assert.match(download.suggestedFilename(), /^lytt-statistics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-month\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = csv.trim().split('\r\n');
  assert.ok(header.startsWith('period,from,to,contacts.offered,contacts.answered'), header);
  assert.ok(rows.at(-1).split(',').includes('<5'), `the CSV has "<5": ${rows.at(-1)}`);

  await a.getByRole('heading', { name: 'Now', exact: true }).waitFor();
  const onDuty = a.getByRole('table', { name: 'On duty' });
  await onDuty.getByRole('cell', { name: 'Demo', exact: true }).waitFor();
  assert.equal(await onDuty.locator('tbody tr').first().locator('td').nth(1).textContent(), 'On duty');

  assert.deepEqual(cspProblems(admin.log), [], 'no CSP violation on the administration page');
  assert.deepEqual(admin.log.errors, []);
});
