// Tickets in real Chromium against a node that is closed and opens when this script asks (it
// prints LYTT-OPEN; the test moves the node's clock to the opening). A visitor holds a place with
// a first message while closed; the console sees the ticket and reads the message; at opening the
// ticket holder's open tab joins by itself and goes ahead of a visitor who came after the opening,
// and is told it is their turn (title and notification). A visitor who was writing a first message
// without holding a place when the line opened finds it kept, in the chat's message box.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, consoleAndVisitor, counsellorOnDuty, newPage, switchTo } from './helpers.mjs';

const MESSAGE = `Jeg lurer på noe om kjøp av sex ${Date.now()}`;
const UNSENT = 'I was still writing this when you opened';

test('a place held while closed is served first at opening, and its holder is told', { timeout: 180000 }, async (t) => {
  const { browser, c, v, visitor } = await consoleAndVisitor(t);
  await visitor.context.grantPermissions(['notifications'], { origin: BASE });
  await v.addInitScript(() => {
    // Records notifications instead of showing them: what the page asked the browser to show.
    window.shown = [];
    window.Notification = class {
      static permission = 'granted';
      static requestPermission() { return Promise.resolve('granted'); }
      constructor(title, options) { window.shown.push({ title, body: options && options.body }); }
    };
  });
  await counsellorOnDuty(c);
  await v.goto(`${BASE}/`);
  await switchTo(v, 'en');
  await v.getByRole('heading', { name: 'Closed now' }).waitFor();
  await v.getByLabel('First message (optional)').fill(MESSAGE);
  await v.locator('#ticket').getByRole('radio', { name: 'A woman', exact: true }).check();
  await v.getByRole('button', { name: 'Hold my place', exact: true }).click();
  await v.getByText('You are first in the queue when we open.').waitFor();
  const code = await v.getByLabel('Your code', { exact: true }).textContent();
  assert.match(code, /^([0-9A-Z]{4} ){5}[0-9A-Z]{4}$/);

  await c.getByText('Place 1').waitFor({ timeout: 15000 }); // the server tells the console at once
  await c.getByText(MESSAGE).waitFor();

  const later = await newPage(browser, { width: 390, height: 844 });
  await later.page.goto(`${BASE}/`);
  await switchTo(later.page, 'en');
  await later.page.getByLabel('First message (optional)').fill(UNSENT);

  console.log('LYTT-OPEN');
  await v.getByRole('heading', { name: 'You are in the queue' }).waitFor({ timeout: 30000 });
  // The place is joined with the preference chosen when it was taken.
  await c.locator('#queue-rows').getByText('a woman', { exact: true }).waitFor();

  await later.page.waitForFunction(() => !document.querySelector('#start-button').disabled);
  await later.page.getByText('What you wrote is kept. It will be in the message box when your chat begins.').waitFor();
  await later.page.getByRole('button', { name: 'Start chat', exact: true }).click();
  await later.page.getByText('You are number 2 in the queue.').waitFor();

  await c.getByRole('button', { name: 'Accept next', exact: true }).click();
  await v.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  assert.match(await v.title(), /It is your turn!/);
  const shown = await v.evaluate(() => window.shown);
  assert.deepEqual(shown, [{ title: 'It is your turn!', body: 'Come back to the page.' }]);
  await later.page.getByText('You are next.').waitFor();
  await c.getByRole('button', { name: 'Accept next', exact: true }).click();
  const box = later.page.getByRole('textbox', { name: 'Message', exact: true });
  await box.waitFor();
  assert.equal(await box.inputValue(), UNSENT, 'the unsent first message waits in the message box, not sent');
  await later.context.close();
});
