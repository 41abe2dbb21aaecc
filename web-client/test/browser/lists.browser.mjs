// The administrators' lists in use, in real Chromium against a running server: an administrator
// adds a canned text and a referral at /admin; a queued visitor answers "How did you find us?";
// the counsellor inserts the canned text, edits it and sends it; the visitor sees the edited text;
// the counsellor sends a referral card and the visitor sees it as a card with its link; the chat
// ends; the counsellor saves the wrap-up, which the administrator finds in the statistics and the
// CSV as "<5"; the visitor answers "Was this helpful?". Neither the canned text nor the card
// crosses the wire in the clear.
// Environment (besides helpers.mjs): LYTT_ADMIN_PASSWORD.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { TIMEOUT, adminLogsInInEnglish, consoleAndVisitor, counsellorOnDuty, newPage, slowed, visitorJoins } from './helpers.mjs';

const ADMIN_PASSWORD = process.env.LYTT_ADMIN_PASSWORD || '';

test('canned text, referral card, wrap-up and the visitor\'s answers', { timeout: 180000 }, async (t) => {
  assert.ok(ADMIN_PASSWORD, 'set LYTT_ADMIN_PASSWORD');
  const { browser, counsellor, visitor, c, v } = await consoleAndVisitor(t);
  const stamp = Date.now().toString(36);
  const canned = `Welcome ${stamp}. You can write about anything here.`;
  const service = `Help Centre ${stamp}`;

  // The administrator adds a canned text and a referral.
  const admin = await newPage(browser);
  const a = admin.page;
  await adminLogsInInEnglish(a, ADMIN_PASSWORD);
  const cannedList = a.getByRole('region', { name: 'Canned texts', exact: true });
  await cannedList.getByLabel('Title', { exact: true }).fill(`Welcome ${stamp}`);
  await cannedList.getByLabel('Text', { exact: true }).fill(canned);
  await cannedList.getByLabel('Language', { exact: true }).selectOption('en');
  // A double click on a slow network stores it once.
  const adds = await slowed(a, '**/api/admin/lists/canned', 500);
  await cannedList.getByRole('button', { name: 'Add canned text', exact: true }).dblclick();
  await cannedList.getByRole('cell', { name: `Welcome ${stamp}`, exact: true }).waitFor();
  await new Promise((r) => setTimeout(r, 1000)); // what a second request's answer would need to land
  await a.unroute('**/api/admin/lists/canned');
  assert.equal(adds.count, 1, 'one request for two clicks');
  assert.equal(await cannedList.getByRole('cell', { name: `Welcome ${stamp}`, exact: true }).count(), 1);
  const referrals = a.getByRole('region', { name: 'Referral directory', exact: true });
  await referrals.getByLabel('Name of the service', { exact: true }).fill(service);
  await referrals.getByLabel('What it offers', { exact: true }).fill('Conversations for anyone who wants to talk');
  await referrals.getByLabel('Contact (phone, address)', { exact: true }).fill('22 00 00 00');
  await referrals.getByLabel('Web address (https://)', { exact: true }).fill('https://example.org/help');
  await referrals.getByRole('button', { name: 'Add referral', exact: true }).click();
  await referrals.getByRole('cell', { name: service, exact: true }).waitFor();

  // A queued visitor answers the optional first question.
  await counsellorOnDuty(c);
  await visitorJoins(v);
  const foundUs = v.getByRole('group', { name: 'How did you find us?' });
  await foundUs.getByRole('button', { name: 'Search engine', exact: true }).click();
  await foundUs.getByText('Thank you.').waitFor();

  await c.getByRole('button', { name: 'Accept next', exact: true }).click();
  await v.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  const box = c.getByRole('textbox', { name: 'Message', exact: true });
  await box.waitFor();
  await c.waitForFunction(() => !document.querySelector('.chat textarea').disabled);

  // The canned text goes into the message box, where the counsellor adds to it before sending.
  await c.getByLabel('Canned text', { exact: true }).selectOption({ label: `Welcome ${stamp} (en)` });
  await c.getByRole('button', { name: 'Insert text', exact: true }).click();
  assert.equal(await box.inputValue(), canned, 'inserted, not sent');
  assert.equal(await v.getByText(canned).count(), 0, 'nothing was sent by inserting');
  await box.press('End');
  await box.pressSequentially(' I am Kari.');
  await c.getByRole('button', { name: 'Send', exact: true }).click();
  await v.getByText(`${canned} I am Kari.`, { exact: true }).waitFor();

  // A referral card arrives as a card with a safe link.
  await c.getByLabel('Referral card', { exact: true }).selectOption({ label: service });
  await c.getByRole('button', { name: 'Send card', exact: true }).click();
  const card = v.getByRole('article', { name: `Referral: ${service}` });
  await card.getByRole('heading', { name: service }).waitFor();
  await card.getByText('22 00 00 00').waitFor();
  const link = card.getByRole('link', { name: 'https://example.org/help' });
  assert.equal(await link.getAttribute('href'), 'https://example.org/help');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');

  // The chat ends; the counsellor saves the wrap-up from lists only.
  await v.getByRole('button', { name: 'End chat', exact: true }).click();
  const wrapUp = c.getByRole('form', { name: 'Wrap-up' });
  await wrapUp.getByLabel('Category', { exact: true }).selectOption({ label: 'Questions about the law' });
  await wrapUp.getByLabel('PLISSIT level', { exact: true }).selectOption({ label: 'Limited information' });
  await wrapUp.getByLabel('Referral given', { exact: true }).selectOption({ label: service });
  await wrapUp.getByLabel('How the visitor found us', { exact: true }).selectOption({ label: 'Search engine' });
  await wrapUp.getByRole('button', { name: 'Save wrap-up', exact: true }).click();
  await wrapUp.getByText('Wrap-up saved. Thank you.').waitFor();
  assert.equal(await c.locator('form.wrap-up textarea, form.wrap-up input[type=text]').count(), 0, 'no free text');

  // The wrap-up reaches the statistics, labelled from the lists: the topic counted as "<5" in the
  // table beside its chart, and in the CSV under its stable id.
  await a.getByRole('heading', { name: 'Statistics', exact: true }).waitFor();
  const topics = a.getByRole('table', { name: 'Topics, per period' });
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await a.getByRole('button', { name: 'Show statistics', exact: true }).click();
    if (await topics.count() > 0 && await topics.getByRole('columnheader', { name: 'Questions about the law' }).count() > 0) break;
    assert.ok(Date.now() < deadline, 'the saved wrap-up shows in the statistics');
    await a.waitForTimeout(300);
  }
  const headers = await topics.getByRole('columnheader').allTextContents();
  const column = headers.indexOf('Questions about the law');
  assert.equal(await topics.locator('tbody tr').last().locator('td').nth(column - 1).textContent(), '<5');
  await a.locator('[data-group="categories"] .stats-chart canvas').first().waitFor();
  const [download] = await Promise.all([a.waitForEvent('download'),
    a.getByRole('button', { name: 'Export CSV', exact: true }).click()]);
  const rows = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
  const header = rows[0].split(',');
  const id = header.findIndex((h) => h.startsWith('wrapup.category.'));
  assert.ok(id > 0, `a wrap-up category column: ${rows[0]}`);
  assert.equal(rows.at(-1).split(',')[id], '<5', `the CSV counts the wrap-up as "<5": ${rows.at(-1)}`);

  // The visitor answers the optional last question.
  const helpful = v.getByRole('group', { name: 'Was this conversation helpful?' });
  await helpful.getByRole('button', { name: 'Yes', exact: true }).click();
  await helpful.getByText('Thank you.').waitFor();

  const frames = [...visitor.log.frames, ...counsellor.log.frames];
  for (const secret of [canned, 'I am Kari', service, 'example.org', '22 00 00 00']) {
    const leak = frames.find(([, , payload]) => payload.includes(secret));
    assert.equal(leak, undefined, `"${secret}" found in a frame: ${leak && leak[2].slice(0, 200)}`);
  }
  const sent = visitor.log.frames.filter(([dir]) => dir === 'sent').map(([, , p]) => JSON.parse(p));
  assert.deepEqual(sent.filter((f) => f.type === 'source'), [{ type: 'source', id: 'search-engine' }]);
  assert.deepEqual(sent.filter((f) => f.type === 'helpful'), [{ type: 'helpful', answer: 'yes' }]);
  for (const [name, log] of [['admin', admin.log], ['console', counsellor.log], ['visitor', visitor.log]]) {
    assert.deepEqual(log.errors, [], `${name}: page errors`);
  }
});
