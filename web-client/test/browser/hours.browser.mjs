// Opening hours edited at /admin, against a node whose clock stands still on Monday 21 December
// 2026 at 18:00 in Oslo, inside its Monday evening (mon=17:00-22:00): the administrator closes
// the line by hand and a visitor's open page shows closed without a reload, sets it back to the
// schedule and the page opens again, then adds an evening on Tuesday and a closed date, saves,
// and sees both in the 14-day preview. The section passes axe-core with no serious or critical
// finding, and is used by keyboard alone.
// Environment (besides helpers.mjs): LYTT_ADMIN_PASSWORD.
import test from 'node:test';
import assert from 'node:assert/strict';

import { BASE, adminLogsInInEnglish, launch, newPage, switchTo } from './helpers.mjs';
import { axeFindings } from './a11y.mjs';

const ADMIN_PASSWORD = process.env.LYTT_ADMIN_PASSWORD || '';

async function adminLogsIn(page) {
  await adminLogsInInEnglish(page, ADMIN_PASSWORD);
  const section = page.getByRole('region', { name: 'Opening hours', exact: true });
  await section.getByRole('table', { name: 'The next 14 days' }).waitFor();
  return section;
}

const badge = (page) => page.locator('#status-badge');

test('the administrator closes and reopens the line for open pages and adds hours seen in the preview', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const visitor = await newPage(browser, { width: 390, height: 844 });
  await visitor.page.goto(`${BASE}/`);
  await switchTo(visitor.page, 'en');
  await visitor.page.waitForFunction(() => document.querySelector('#status-badge').textContent === 'Open now');

  const admin = await newPage(browser);
  const section = await adminLogsIn(admin.page);
  const now = section.getByRole('status').first();
  assert.match(await now.textContent(), /^Visitors see now: open, following the opening hours/);

  await section.getByRole('button', { name: 'Close now', exact: true }).click();
  await admin.page.waitForFunction(() => /closed by hand/.test(document.querySelector('#hours-now').textContent));
  assert.equal(await section.getByRole('button', { name: 'Close now', exact: true }).getAttribute('aria-pressed'), 'true');
  await visitor.page.waitForFunction(() => document.querySelector('#status-badge').textContent === 'Closed now');
  assert.equal(await badge(visitor.page).textContent(), 'Closed now', 'told without a reload');

  await section.getByRole('button', { name: 'Follow the opening hours', exact: true }).click();
  await admin.page.waitForFunction(() => /open, following the opening hours/.test(document.querySelector('#hours-now').textContent));
  await visitor.page.waitForFunction(() => document.querySelector('#status-badge').textContent === 'Open now');

  // Keyboard only: Tuesday gets an evening, and 23 December is closed by exception.
  const addTuesday = section.getByRole('button', { name: 'Add hours on Tuesday', exact: true });
  await addTuesday.focus();
  await admin.page.keyboard.press('Enter');
  const tuesdayFrom = section.getByLabel('Tuesday, period 1, from', { exact: true });
  await admin.page.waitForFunction(() => document.activeElement?.id === 'hours-tue-1-from');
  await tuesdayFrom.fill('18:00');
  await section.getByLabel('Tuesday, period 1, to', { exact: true }).fill('21:00');
  await section.getByRole('button', { name: 'Add a date', exact: true }).focus();
  await admin.page.keyboard.press('Enter');
  await admin.page.waitForFunction(() => document.activeElement?.id === 'hours-x1-date');
  await section.getByLabel('Date', { exact: true }).fill('2026-12-23');
  await section.getByRole('button', { name: 'Save the opening hours', exact: true }).focus();
  await admin.page.keyboard.press('Enter');
  await admin.page.waitForFunction(() => document.querySelector('#hours-note').textContent === 'The opening hours are saved.');

  const row = (date) => section.locator(`#hours-preview tr[data-date="${date}"]`);
  assert.match(await row('2026-12-22').textContent(), /18:00–21:00.*Regular week/);
  assert.match(await row('2026-12-23').textContent(), /Closed.*The date’s own hours/);
  assert.match(await row('2026-12-25').textContent(), /Closed.*Public holiday: Christmas Day/);
  assert.match(await section.locator('#hours-now').textContent(), /open, following the opening hours/);

  // A refusal says what to fix and keeps the draft.
  await section.getByLabel('Tuesday, period 1, to', { exact: true }).fill('17:00');
  await section.getByRole('button', { name: 'Save the opening hours', exact: true }).click();
  await admin.page.waitForFunction(() => /^Not saved: tue: interval 18:00-17:00/.test(document.querySelector('#hours-note').textContent));
  assert.equal(await section.getByLabel('Tuesday, period 1, to', { exact: true }).inputValue(), '17:00');

  const findings = await axeFindings(browser, `${BASE}/admin`, async (page) => {
    await adminLogsIn(page);
  });
  assert.deepEqual(findings, [], 'no serious or critical axe findings on /admin with its opening hours');
  assert.deepEqual(admin.log.errors, []);
  assert.deepEqual(visitor.log.errors, []);
});
