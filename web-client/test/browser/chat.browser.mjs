// End-to-end chat in real Chromium against a running server:
// counsellor logs in and goes on duty; a visitor (English) starts a chat; the counsellor accepts;
// messages go both ways; no message text ever appears in a WebSocket frame; the visitor ends the
// chat and the console shows it; quick exit leaves no trace (URL, storage, cookies, history).
// A second test drops first the visitor's, then the console's connection mid-chat (through a
// Playwright WebSocket route in front of the real server): the resume loses and repeats nothing.
// A third pins another organisation's key in the visitor's page: the offer is refused visibly
// and nothing but the refusal is sent. A fourth flips a bit of an envelope on the way: the page
// says so, shows nothing of it, and gets the genuine envelope after a resync.
//
//   LYTT_BASE_URL=http://localhost:8080 LYTT_DEMO_PASSWORD=demo-pass node --test test/browser/chat.browser.mjs
//   LYTT_SCREENSHOTS=1 … also writes docs/img/visitor.png and docs/img/console.png
import test from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BASE, PASSWORD, consoleAndVisitor, counsellorOnDuty, launch, newPage, startChat, visitorJoins } from './helpers.mjs';

const IMG = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/img');
const NEUTRAL = '<!doctype html><title>Weather</title><p>Neutral page</p>';

test('visitor and counsellor chat end to end; quick exit leaves nothing', { timeout: 120000 }, async (t) => {
  assert.ok(PASSWORD, 'set LYTT_DEMO_PASSWORD (the demo counsellor\'s password)');
  const browser = await launch();
  t.after(() => browser.close());

  const counsellor = await newPage(browser, { width: 1280, height: 860 });
  await counsellorOnDuty(counsellor.page);

  const visitor = await newPage(browser, { width: 390, height: 844 });
  // The quick-exit target is another site; answer it locally (no traffic leaves this machine).
  await visitor.context.route((url) => url.origin !== new URL(BASE).origin, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: NEUTRAL }));
  await startChat(counsellor.page, visitor.page);
  const v = visitor.page;
  const c = counsellor.page;

  // The counsellor's name comes from the verified certificate, and the safety codes agree.
  await v.getByRole('heading', { name: /You are talking to / }).waitFor();
  const safetyV = (await v.locator('#safety-text').textContent()).match(/\d{3} \d{3}/)[0];
  const safetyC = (await c.locator('.chat-info').first().textContent()).match(/\d{3} \d{3}/)[0];
  assert.equal(safetyV, safetyC, 'both sides show the same safety code');

  const stamp = Date.now().toString(36);
  const fromVisitor = `I have never told anyone this ${stamp}`;
  const fromCounsellor = `Thank you for writing to us ${stamp}`;
  const secondVisitor = `Line one ${stamp}\nline two after shift-enter`;

  await v.getByRole('textbox', { name: 'Message', exact: true }).fill(fromVisitor);
  await v.getByRole('button', { name: 'Send', exact: true }).click();
  await c.getByText(fromVisitor).waitFor();

  // The counsellor types: the visitor sees "… is writing"; Enter sends.
  const cBox = c.getByRole('textbox', { name: 'Message', exact: true });
  await cBox.pressSequentially('Thank', { delay: 20 });
  await v.getByText(/is writing/).waitFor();
  await cBox.fill(fromCounsellor);
  await cBox.press('Enter');
  await v.getByText(fromCounsellor).waitFor();
  await v.getByText('Delivered').first().waitFor(); // the counsellor's ack came back as `delivered`

  // Shift+Enter makes a new line, Enter sends.
  const vBox = v.getByRole('textbox', { name: 'Message', exact: true });
  await vBox.fill('');
  await vBox.pressSequentially(`Line one ${stamp}`);
  await vBox.press('Shift+Enter');
  await vBox.pressSequentially('line two after shift-enter');
  await vBox.press('Enter');
  await c.getByText(`Line one ${stamp}`).waitFor();
  assert.equal(await c.locator('.msg.theirs .text').last().textContent(), secondVisitor);

  if (process.env.LYTT_SCREENSHOTS === '1') {
    await mkdir(IMG, { recursive: true });
    await v.screenshot({ path: resolve(IMG, 'visitor.png'), fullPage: false });
    await c.screenshot({ path: resolve(IMG, 'console.png'), fullPage: false });
  }

  // Nothing we wrote ever crossed the wire in the clear, in either direction, on either page.
  const allFrames = [...visitor.log.frames, ...counsellor.log.frames];
  assert.ok(allFrames.length > 10, `frames were recorded (${allFrames.length})`);
  for (const secret of [fromVisitor, fromCounsellor, stamp, 'never told anyone', 'line two after']) {
    const leak = allFrames.find(([, , payload]) => payload.includes(secret));
    assert.equal(leak, undefined, `plaintext "${secret}" found in a frame: ${leak && leak[2].slice(0, 200)}`);
  }
  assert.ok(allFrames.some(([dir, , p]) => dir === 'sent' && p.includes('"type":"msg"')), 'encrypted msg frames were sent');
  assert.ok(allFrames.some(([dir, , p]) => dir === 'sent' && p.includes('"type":"ack"')), 'acks were sent');

  // The visitor ends the chat; both sides say so.
  await v.getByRole('button', { name: 'End chat', exact: true }).click();
  await v.getByRole('heading', { name: 'Thank you for the chat' }).waitFor();
  await v.getByRole('button', { name: 'Start a new chat', exact: true }).waitFor();
  await c.getByText('The visitor ended the chat.').waitFor();
  assert.equal(await c.getByText(/ended without a closing message/).count(), 0, 'the end marker arrived');
  assert.ok(visitor.log.frames.some(([dir, , p]) => dir === 'sent' && p.includes('"type":"end"')), 'end frame sent');

  // Quick exit. Plant something in sessionStorage first to see that it is cleared.
  assert.equal(await v.evaluate(() => sessionStorage.length + localStorage.length), 0, 'the page stored nothing');
  await v.evaluate(() => sessionStorage.setItem('probe', '1'));
  const exitUrl = await v.evaluate(() => {
    const m = document.querySelector('meta[name="lytt-quick-exit"]').content;
    return m && !m.startsWith('{{') ? m : 'https://www.yr.no/';
  });
  const historyBefore = await v.evaluate(() => history.length);
  await v.getByRole('button', { name: 'Quick exit', exact: true }).click();
  await v.waitForURL((u) => u.href === new URL(exitUrl).href);
  assert.equal(v.url(), new URL(exitUrl).href);
  assert.equal(await v.evaluate(() => history.length), historyBefore, 'quick exit replaced the entry, added none');
  await v.goBack().catch(() => null);
  assert.ok(!v.url().startsWith(`${BASE}/`), `back must not return to the chat (at ${v.url()})`);

  // Same tab, same origin as the chat: its session storage, local storage, IndexedDB, cookies.
  await v.goto(`${BASE}/too-old.html`);
  const storage = await v.evaluate(async () => ({
    session: sessionStorage.length,
    local: localStorage.length,
    idb: (await indexedDB.databases()).length,
    cookie: document.cookie,
  }));
  assert.deepEqual(storage, { session: 0, local: 0, idb: 0, cookie: '' });
  assert.deepEqual(await visitor.context.cookies(), [], 'no cookies for the visitor');

  assert.deepEqual(visitor.log.errors, [], 'no script errors on the visitor page');
  assert.deepEqual(counsellor.log.errors, [], 'no script errors on the console');
});

/**
 * Puts a Playwright WebSocket route in front of the real server for `page`'s sockets to `path`.
 * `cut()` kills the current socket like a lost mobile network; while `blocked`, new connections
 * fail at once (the page keeps retrying with backoff).
 */
async function routeThrough(page, path) {
  const r = { current: null, blocked: false, sent: [] };
  await page.routeWebSocket((url) => url.pathname === path, (ws) => {
    if (r.blocked) {
      ws.close({ code: 1011, reason: 'network down' });
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((m) => { r.sent.push(String(m)); server.send(m); });
    // What the server sends passes through `transform` when set (to change a frame on the way).
    server.onMessage((m) => ws.send(r.transform ? r.transform(String(m)) : m));
    r.current = { ws, server };
  });
  r.cut = async () => {
    const { ws, server } = r.current;
    r.current = null;
    await server.close({ code: 3000 }); // a page may close only with 1000 or 3000–4999
    await ws.close({ code: 1001 });     // "going away": the page sees its socket drop
  };
  return r;
}

test('dropped connections resume on both sides: nothing lost, nothing shown twice', { timeout: 120000 }, async (t) => {
  assert.ok(PASSWORD, 'set LYTT_DEMO_PASSWORD');
  const { counsellor, visitor, c, v } = await consoleAndVisitor(t);
  const vNet = await routeThrough(v, '/ws/visitor');
  const cNet = await routeThrough(c, '/ws/console');
  await counsellorOnDuty(c);
  await startChat(c, v);

  const stamp = Date.now().toString(36);
  const vBox = v.getByRole('textbox', { name: 'Message', exact: true });
  const cBox = c.getByRole('textbox', { name: 'Message', exact: true });
  const say = async (box, text) => { await box.fill(text); await box.press('Enter'); };
  await say(vBox, `before the drop ${stamp}`);
  await c.getByText(`before the drop ${stamp}`).waitFor();
  await v.getByText('Sending …').waitFor({ state: 'detached' }); // acknowledged before the drop

  // The visitor's network goes. Both write meanwhile: the server holds the counsellor's
  // envelopes, the visitor's page holds its own.
  vNet.blocked = true;
  await vNet.cut();
  await v.getByText('The connection dropped. Trying again …').waitFor();
  await c.getByText('The visitor lost the connection.', { exact: false }).waitFor();
  await say(cBox, `held one ${stamp}`);
  await say(cBox, `held two ${stamp}`);
  await say(vBox, `written offline ${stamp}`);
  await v.getByText('Sending …').waitFor();
  vNet.blocked = false;
  await v.getByText(`held two ${stamp}`).waitFor({ timeout: 30000 });
  await c.getByText(`written offline ${stamp}`).waitFor();
  await c.getByText('The visitor is back.').waitFor();
  assert.ok(vNet.sent.some((m) => m.includes('"type":"resume"')), 'the visitor resumed with its token');
  await v.getByText('Sending …').waitFor({ state: 'detached' });

  // Now the console's network goes; it resumes the chat it still holds keys for.
  cNet.blocked = true;
  await cNet.cut();
  await v.getByText(/lost the connection/).waitFor();
  await say(vBox, `while the console was away ${stamp}`);
  await say(cBox, `console offline ${stamp}`);
  cNet.blocked = false;
  await c.getByText(`while the console was away ${stamp}`).waitFor({ timeout: 30000 });
  await v.getByText(`console offline ${stamp}`).waitFor();
  assert.ok(cNet.sent.some((m) => m.includes('"type":"resume"') && m.includes('"chatId"')), 'the console resumed the chat');

  // Each message exactly once, in order, on each side.
  const theirs = (page) => page.locator('.msg.theirs .text').allTextContents();
  assert.deepEqual(await theirs(v), [`held one ${stamp}`, `held two ${stamp}`, `console offline ${stamp}`]);
  assert.deepEqual(await theirs(c), [`before the drop ${stamp}`, `written offline ${stamp}`, `while the console was away ${stamp}`]);

  await v.getByRole('button', { name: 'End chat', exact: true }).click();
  await c.getByText('The visitor ended the chat.').waitFor();
  assert.deepEqual(visitor.log.errors, []);
  assert.deepEqual(counsellor.log.errors, []);
});

test('a counsellor the pinned organisation key did not certify is refused visibly and nothing is sent', { timeout: 120000 }, async (t) => {
  assert.ok(PASSWORD, 'set LYTT_DEMO_PASSWORD');
  const { counsellor, visitor, c, v } = await consoleAndVisitor(t);
  // The visitor's page pins another organisation's key, as if the served page and the console
  // devices belonged to different organisations (or someone swapped the devices' certificates).
  const { publicKey } = generateKeyPairSync('ed25519');
  const otherOrg = Buffer.from(publicKey.export({ format: 'der', type: 'spki' })).subarray(-32).toString('base64url');
  // Swapped as the page is parsed (a routed page would count as another network to Chromium's
  // local-network checks and could not reach the local server).
  await visitor.context.addInitScript((key) => {
    new MutationObserver(() => {
      const meta = document.querySelector('meta[name="lytt-org-key"]');
      if (meta && meta.content !== key) meta.content = key;
    }).observe(document, { childList: true, subtree: true });
  }, otherOrg);
  await counsellorOnDuty(c);
  await visitorJoins(v);
  assert.equal(await v.evaluate(() => document.querySelector('meta[name="lytt-org-key"]').content), otherOrg);
  await c.getByRole('button', { name: 'Accept next', exact: true }).click();

  await v.getByText('We could not verify that you are talking to one of our counsellors. Nothing was sent.').waitFor();
  assert.equal(await v.getByRole('textbox', { name: 'Message', exact: true }).count(), 0, 'no message box');
  const sent = visitor.log.frames.filter(([dir]) => dir === 'sent').map(([, , p]) => JSON.parse(p).type);
  assert.ok(sent.includes('reject'), `the page told the server it refused (sent ${sent})`);
  assert.ok(!sent.includes('handshake') && !sent.includes('msg'), `no handshake, no message (sent ${sent})`);
  assert.deepEqual(visitor.log.errors, [], 'no script errors on the visitor page');
});

test('a message changed on the way is refused visibly, never shown, and arrives intact after a resync', { timeout: 120000 }, async (t) => {
  assert.ok(PASSWORD, 'set LYTT_DEMO_PASSWORD');
  const { counsellor, visitor, c, v } = await consoleAndVisitor(t);
  const vNet = await routeThrough(v, '/ws/visitor');
  await counsellorOnDuty(c);
  await startChat(c, v);

  // One bit of the next envelope to the visitor is flipped by someone on the path.
  let flipped = false;
  vNet.transform = (text) => {
    const frame = JSON.parse(text);
    if (flipped || frame.type !== 'msg') return text;
    flipped = true;
    const ct = Buffer.from(frame.ct, 'base64url');
    ct[ct.length - 1] ^= 0x01;
    return JSON.stringify({ ...frame, ct: ct.toString('base64url') });
  };
  const cBox = c.getByRole('textbox', { name: 'Message', exact: true });
  await cBox.fill('changed on the way');
  await cBox.press('Enter');
  await v.getByText('A message could not be verified and is not shown. It may have been changed on the way.').waitFor();
  assert.equal(await v.getByText('changed on the way', { exact: true }).count(), 0, 'the altered message is not shown');

  // The next message shows the gap; the page resynchronises and gets the genuine one from the server.
  await cBox.fill('the one after');
  await cBox.press('Enter');
  await v.getByText('the one after', { exact: true }).waitFor({ timeout: 30000 });
  await v.getByText('changed on the way', { exact: true }).waitFor();
  assert.equal(await v.getByText('changed on the way', { exact: true }).count(), 1, 'shown once, intact');
  assert.equal(await v.getByText('the one after', { exact: true }).count(), 1);
  assert.deepEqual(visitor.log.errors, [], 'no script errors on the visitor page');
});
