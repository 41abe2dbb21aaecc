// A running chat handed to a colleague, in real Chromium against a running server: the visitor
// chats with the demo counsellor, who transfers the chat to demo2 ("Demo 2") from the chat panel.
// The visitor stays in the same conversation and sees a divider with the new name, that Demo 2 has
// not seen what came before, and a new safety code that Demo 2's console shows too; what was
// written before stays on the visitor's page and never reaches Demo 2. The first console shows the
// chat as transferred. No message text crosses the wire in the clear.
//
//   LYTT_BASE_URL=http://localhost:8080 LYTT_DEMO_PASSWORD=demo-pass node --test test/browser/transfer.browser.mjs
import test from 'node:test';
import assert from 'node:assert/strict';

import { PASSWORD, consoleAndVisitor, counsellorOnDuty, newPage, startChat } from './helpers.mjs';

const SAFETY = /\d{3} \d{3}/;

async function send(page, text) {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

test('a counsellor transfers a running chat to a colleague, and the visitor talks on with them', { timeout: 120000 }, async (t) => {
  assert.ok(PASSWORD, 'set LYTT_DEMO_PASSWORD (the demo counsellors\' password)');
  const { browser, counsellor, visitor, c, v } = await consoleAndVisitor(t);
  const colleague = await newPage(browser);
  const b = colleague.page;
  await counsellorOnDuty(c);
  await counsellorOnDuty(b, 'demo2');
  await startChat(c, v);

  const stamp = Date.now().toString(36);
  const before = `Something I wanted to say first ${stamp}`;
  const answer = `Thank you, take your time ${stamp}`;
  await send(v, before);
  await c.getByText(before).waitFor();
  await send(c, answer);
  await v.getByText(answer).waitFor();

  // The first counsellor picks the colleague, who is on duty and fits the visitor's wishes.
  await c.getByRole('button', { name: 'Transfer to a colleague', exact: true }).click();
  const choice = c.getByRole('radio', { name: /^Demo 2 – fits the visitor/ });
  await choice.check();
  await c.getByRole('button', { name: 'Confirm transfer', exact: true }).click();
  await c.getByText('Transferred to Demo 2. The chat has ended here.').waitFor();

  // The visitor: same conversation, a divider naming Demo 2, and a new safety code.
  await v.getByText('You are now talking with Demo 2.').waitFor();
  await v.getByText(/^Demo 2 has not seen what was written before/).waitFor();
  await v.getByRole('heading', { name: 'You are talking to Demo 2', exact: true }).waitFor();
  await v.getByText(before).waitFor();
  await v.getByText(answer).waitFor();
  assert.equal(await v.locator('.notice.divider').count(), 1, 'one divider');
  const newCode = (await v.locator('#safety-text').textContent()).match(SAFETY)[0];
  await b.getByText(/^Demo transferred this visitor to you/).waitFor();
  const colleagueCode = (await b.locator('.chat-info').first().textContent()).match(SAFETY)[0];
  assert.equal(newCode, colleagueCode, 'the visitor and Demo 2 show the same new safety code');
  await v.getByText(`The new safety code is ${newCode}. Demo 2 sees the same code.`).waitFor();
  const handshakes = visitor.log.frames.filter(([dir, , p]) => dir === 'sent' && p.includes('"type":"handshake"'))
    .map(([, , p]) => JSON.parse(p));
  assert.equal(handshakes.length, 2, 'a new handshake for the colleague');
  assert.notEqual(handshakes[0].chatId, handshakes[1].chatId);
  assert.notEqual(handshakes[0].enc, handshakes[1].enc, 'new keys');

  // The new counsellor sees nothing of what came before.
  assert.equal(await b.getByText(before).count(), 0);
  assert.equal(await b.getByText(answer).count(), 0);

  const after = `Is it all right to start again with you ${stamp}`;
  const reply = `Of course, I am here ${stamp}`;
  await send(v, after);
  await b.getByText(after).waitFor();
  await send(b, reply);
  await v.getByText(reply).waitFor();

  // Messages keep the name of who wrote them.
  const names = await v.locator('.msg.theirs .who').allTextContents();
  assert.deepEqual(names, ['Demo', 'Demo 2']);

  // The first console: the chat is over there, and its composer is gone.
  assert.equal(await c.getByRole('textbox', { name: 'Message', exact: true }).count(), 0);

  const frames = [...visitor.log.frames, ...counsellor.log.frames, ...colleague.log.frames];
  for (const secret of [before, answer, after, reply, stamp]) {
    const leak = frames.find(([, , payload]) => payload.includes(secret));
    assert.equal(leak, undefined, `plaintext "${secret}" found in a frame`);
  }
  for (const page of [visitor, counsellor, colleague]) assert.deepEqual(page.log.errors, []);
});
