// Accessibility and Content-Security-Policy checks in real Chromium against a running server:
// - neither page triggers a CSP violation (no inline script or style anywhere), and both are
//   served with a CSP that forbids inline script;
// - the visitor page at 360×740 never scrolls sideways, in Norwegian and in English, also with a
//   chat open and a long unbroken word in it;
// - every named control is reachable by role and accessible name in English and Norwegian;
// - Escape pressed twice is a quick exit.
//
//   LYTT_BASE_URL=http://localhost:8080 LYTT_DEMO_PASSWORD=demo-pass node --test test/browser/a11y-and-csp.browser.mjs
import test from 'node:test';
import assert from 'node:assert/strict';

import { BASE, PASSWORD, counsellorOnDuty, launch, newPage, startChat, switchTo } from './helpers.mjs';

const NAMES = {
  en: {
    visitor: { start: 'Start chat', message: 'Message', send: 'Send', end: 'End chat', exit: 'Quick exit',
      callback: 'Request a callback', phone: 'Phone number', sendRequest: 'Send request', check: 'Check status', code: 'Code' },
    console: { username: 'Username', password: 'Password', login: 'Log in', duty: 'On duty', pause: 'Break', accept: 'Accept next', message: 'Message', send: 'Send', end: 'End chat', callbacks: 'Callbacks' },
  },
  nb: {
    visitor: { start: 'Start samtale', message: 'Melding', send: 'Send', end: 'Avslutt samtalen', exit: 'Rask utgang',
      callback: 'Be om å bli ringt opp', phone: 'Telefonnummer', sendRequest: 'Send forespørsel', check: 'Sjekk status', code: 'Kode' },
    console: { username: 'Brukernavn', password: 'Passord', login: 'Logg inn', duty: 'På vakt', pause: 'Pause', accept: 'Ta neste', message: 'Melding', send: 'Send', end: 'Avslutt samtalen', callbacks: 'Tilbakeringinger' },
  },
};

// CSP violations, and subresource integrity failures ("Failed to find a valid digest in the 'integrity' attribute").
const cspProblems = (log) => log.console.filter(([, text]) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)|'integrity' attribute/i.test(text));

async function noSideScroll(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner, `${what}: page is ${scroll}px wide in a ${inner}px viewport`);
}

/** Exactly one visible control with this role and name. */
async function reachable(page, role, name) {
  const loc = page.getByRole(role, { name, exact: true });
  await loc.first().waitFor({ state: 'visible' });
  assert.equal(await loc.count(), 1, `one ${role} named "${name}"`);
}

test('pages are served with a strict CSP and load without violations', { timeout: 60000 }, async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  for (const path of ['/', '/console', '/too-old.html']) {
    const { page, log } = await newPage(browser);
    const response = await page.goto(`${BASE}${path}`);
    assert.equal(response.status(), 200, `${path} status`);
    const csp = response.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/, `${path} has a CSP with script-src 'self' (got "${csp}")`);
    assert.doesNotMatch(csp, /unsafe-inline/, `${path} CSP allows no inline code`);
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(500);
    if (path === '/') {
      await switchTo(page, 'en');
      await switchTo(page, 'nb');
    }
    assert.deepEqual(cspProblems(log), [], `${path}: CSP violations`);
    assert.deepEqual(log.errors, [], `${path}: script errors`);
    // The served pages carry the meta tags the server fills in (the placeholders must be gone).
    if (path !== '/too-old.html') {
      const metas = await page.evaluate(() => ['lytt-org-key', 'lytt-quick-exit'].map((n) => document.querySelector(`meta[name="${n}"]`)?.content ?? null));
      for (const m of metas) assert.ok(m && !m.includes('{{'), `${path}: meta tag filled by the server (${m})`);
    }
    await page.context().close();
  }
});

test('visitor page: 360 px without sideways scroll, named controls in both languages, Esc Esc exits', { timeout: 120000 }, async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const visitor = await newPage(browser, { width: 360, height: 740 });
  const v = visitor.page;
  await visitor.context.route((url) => url.origin !== new URL(BASE).origin, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>x</title>' }));
  await v.goto(`${BASE}/`);
  for (const lang of ['nb', 'en']) {
    await switchTo(v, lang);
    await noSideScroll(v, `start page (${lang})`);
    await reachable(v, 'button', NAMES[lang].visitor.start);
    await reachable(v, 'button', NAMES[lang].visitor.exit);
    await reachable(v, 'heading', NAMES[lang].visitor.callback);
    await reachable(v, 'textbox', NAMES[lang].visitor.phone);
    await reachable(v, 'button', NAMES[lang].visitor.sendRequest);
    await reachable(v, 'button', NAMES[lang].visitor.check);
    await reachable(v, 'textbox', NAMES[lang].visitor.code);
    const box = await v.getByRole('button', { name: NAMES[lang].visitor.exit, exact: true }).boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `quick exit is large enough to hit (${box.width}×${box.height})`);
  }

  if (PASSWORD) {
    const counsellor = await newPage(browser);
    const c = counsellor.page;
    // The console before login, in both languages.
    await c.goto(`${BASE}/console`);
    for (const lang of ['nb', 'en']) {
      await switchTo(c, lang);
      await reachable(c, 'textbox', NAMES[lang].console.username);
      await c.getByLabel(NAMES[lang].console.password, { exact: true }).waitFor(); // password fields have no ARIA role
      await reachable(c, 'button', NAMES[lang].console.login);
    }
    await counsellorOnDuty(c);
    await startChat(c, v);
    await v.getByRole('textbox', { name: 'Message', exact: true }).fill(`ord${'x'.repeat(300)}`);
    await v.getByRole('button', { name: 'Send', exact: true }).click();
    await c.getByText(/^ordxxxx/).waitFor();
    await c.getByRole('textbox', { name: 'Message', exact: true }).fill('https://example.invalid/' + 'a'.repeat(200));
    await c.getByRole('button', { name: 'Send', exact: true }).click();
    await v.getByText(/^https:\/\/example.invalid\/aaaa/).waitFor();
    for (const lang of ['nb', 'en']) {
      await switchTo(v, lang);
      await switchTo(c, lang);
      const vn = NAMES[lang].visitor;
      const cn = NAMES[lang].console;
      for (const name of [vn.send, vn.end, vn.exit]) await reachable(v, 'button', name);
      await reachable(v, 'textbox', vn.message);
      await noSideScroll(v, `visitor chat with long words (${lang})`);
      await reachable(c, 'radio', cn.duty);
      await reachable(c, 'radio', cn.pause);
      await reachable(c, 'button', cn.accept);
      await reachable(c, 'heading', cn.callbacks);
      await reachable(c, 'textbox', cn.message);
      for (const name of [cn.send, cn.end]) await reachable(c, 'button', name);
    }
    await c.getByRole('button', { name: 'End chat', exact: true }).click();
    await v.getByRole('heading', { name: 'Thank you for the chat' }).waitFor();
    assert.deepEqual(cspProblems(counsellor.log), [], 'console: CSP violations during a chat');
  } else {
    t.diagnostic('LYTT_DEMO_PASSWORD not set: chat-time controls not checked');
  }

  // Escape twice, quickly: the quick exit.
  const before = v.url();
  await v.locator('body').click({ position: { x: 5, y: 200 } });
  await v.keyboard.press('Escape');
  await v.keyboard.press('Escape');
  await v.waitForURL((u) => u.href !== before);
  assert.ok(!v.url().startsWith(`${BASE}/`), `Esc Esc left the page (now ${v.url()})`);
  assert.deepEqual(cspProblems(visitor.log), [], 'visitor: CSP violations');
  assert.deepEqual(visitor.log.errors, [], 'visitor: script errors');
});
