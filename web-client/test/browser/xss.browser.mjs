// Hostile text in a chat is text: an XSS corpus sent both ways through the real server is shown
// literally on the visitor page and in the console, creates no element, runs no script, and
// causes no Content-Security-Policy violation.
//
//   LYTT_BASE_URL=http://localhost:8080 LYTT_DEMO_PASSWORD=demo-pass node --test test/browser/xss.browser.mjs
import test from 'node:test';
import assert from 'node:assert/strict';

import { PASSWORD, consoleAndVisitor, counsellorOnDuty, startChat } from './helpers.mjs';

const CORPUS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '"><svg/onload=window.__pwned=3>',
  "javascript:window.__pwned=4//",
  '<a href="javascript:window.__pwned=5">klikk</a>',
  '<iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>',
  '{{constructor.constructor("window.__pwned=7")()}}',
  '<style>body{display:none}</style>',
  '&lt;b&gt;entities stay entities&lt;/b&gt; &amp; &#x3C;',
  '\u202Eevil rtl override\u202C and a zero\u200Bwidth space',
];

const ELEMENTS = ['script', 'img', 'svg', 'iframe', 'style', 'a[href^="javascript"]'];

async function countInjected(page) {
  return page.evaluate((selectors) => selectors.reduce((n, s) => n + document.body.querySelectorAll(s).length, 0), ELEMENTS);
}

test('an XSS corpus is shown literally on both sides and runs nothing', { timeout: 120000 }, async (t) => {
  assert.ok(PASSWORD, 'set LYTT_DEMO_PASSWORD');
  const { counsellor, visitor, c, v } = await consoleAndVisitor(t);
  await counsellorOnDuty(c);
  await startChat(c, v);
  const injectedBefore = { v: await countInjected(v), c: await countInjected(c) };

  const vBox = v.getByRole('textbox', { name: 'Message', exact: true });
  const cBox = c.getByRole('textbox', { name: 'Message', exact: true });
  for (const [i, text] of CORPUS.entries()) {
    const [box, other] = i % 2 === 0 ? [vBox, c] : [cBox, v];
    await box.fill(text);
    await box.press('Enter');
    await other.getByText(text, { exact: true }).waitFor();
  }
  // Each text shows literally on both pages (the sender's own copy and the receiver's).
  for (const text of CORPUS) {
    assert.equal(await v.getByText(text, { exact: true }).count(), 1, `visitor page shows ${JSON.stringify(text)} once`);
    assert.equal(await c.getByText(text, { exact: true }).count(), 1, `console shows ${JSON.stringify(text)} once`);
  }
  assert.equal(await v.evaluate(() => window.__pwned), undefined, 'nothing ran on the visitor page');
  assert.equal(await c.evaluate(() => window.__pwned), undefined, 'nothing ran in the console');
  assert.deepEqual({ v: await countInjected(v), c: await countInjected(c) }, injectedBefore, 'no element was created from text');
  const violations = (log) => log.console.filter(([, text]) => /Content Security Policy|Refused to/i.test(text));
  assert.deepEqual(violations(visitor.log), [], 'no CSP violation on the visitor page');
  assert.deepEqual(violations(counsellor.log), [], 'no CSP violation in the console');
  assert.deepEqual([...visitor.log.errors, ...counsellor.log.errors], [], 'no script errors');
});
