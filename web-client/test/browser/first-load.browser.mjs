// The visitor page's first load stays light and stays at home: at most 100 kB received (every
// response with its headers, the WebSocket's upgrade and the frames it brought until the page
// settled), and not one request to another origin. Bytes only, never a time: how fast the page is
// usable is measured, throttled, by ops/page-load.mjs (docs/performance.md, "Visitor page, first load").
import test from 'node:test';
import assert from 'node:assert/strict';

import { BASE, launch } from './helpers.mjs';
import { firstLoad } from './first-load.mjs';

/** docs/performance.md's target for the visitor page: ≤ 100 KB, read strictly as 100,000 bytes. */
const BUDGET_BYTES = 100 * 1000;

test('the visitor page loads in at most 100 kB, all of it from its own origin', { timeout: 120000 }, async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const load = await firstLoad(browser, `${BASE}/`);
  const heaviest = [...load.resources].sort((a, b) => b.bytes - a.bytes).slice(0, 5)
    .map((r) => `${new URL(r.url).pathname} ${r.bytes}`).join(', ');
  assert.deepEqual(load.origins, [new URL(BASE).origin], 'every request goes to the page\'s own origin');
  assert.deepEqual(load.unfinished, [], 'every request finished');
  assert.ok(load.bytes <= BUDGET_BYTES,
    `${load.bytes} bytes in ${load.requests} requests, over ${BUDGET_BYTES} (heaviest: ${heaviest})`);
  t.diagnostic(`${load.bytes} bytes in ${load.requests} requests`);
});
