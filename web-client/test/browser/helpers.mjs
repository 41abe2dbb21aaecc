// Shared setup for the browser tests: Debian's Chromium driven by playwright-core, and the steps
// both scripts need (log a counsellor in and on duty, bring a visitor into a chat).
// Environment: LYTT_BASE_URL (default http://localhost:8080), LYTT_DEMO_PASSWORD (counsellor "demo"),
// LYTT_CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';

export const BASE = (process.env.LYTT_BASE_URL || 'http://localhost:8080').replace(/\/$/, '');
export const PASSWORD = process.env.LYTT_DEMO_PASSWORD || '';
export const TIMEOUT = 15000;

export function launch() {
  return chromium.launch({
    executablePath: process.env.LYTT_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Records every WebSocket frame (both directions) and every console message and page error. */
export function record(page) {
  const log = { frames: [], console: [], errors: [] };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => log.frames.push(['sent', ws.url(), String(f.payload)]));
    ws.on('framereceived', (f) => log.frames.push(['received', ws.url(), String(f.payload)]));
  });
  page.on('console', (m) => log.console.push([m.type(), m.text()]));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  return log;
}

/** Opens a page in a fresh context (its own cookies and storage, like a separate browser). */
export async function newPage(browser, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  return { context, page, log: record(page) };
}

/**
 * One browser with a console (desktop size) and a visitor page (phone size), each in its own
 * context; the browser closes when the test ends.
 */
export async function consoleAndVisitor(t) {
  const browser = await launch();
  t.after(() => browser.close());
  const counsellor = await newPage(browser);
  const visitor = await newPage(browser, { width: 390, height: 844 });
  return { browser, counsellor, visitor, c: counsellor.page, v: visitor.page };
}

export async function switchTo(page, lang) {
  await page.getByRole('button', { name: lang === 'en' ? 'English' : 'Norsk', exact: true }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** /admin: log in as the development administrator, in English; the caller waits for what it needs. */
export async function adminLogsInInEnglish(page, password) {
  await page.goto(`${BASE}/admin`);
  await switchTo(page, 'en');
  await page.locator('#login-form').getByLabel('Username').fill('admin');
  await page.locator('#login-form').getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

/**
 * Console: log in as demo (in English), wait for a certified device, go on duty. Development mode
 * has a second counsellor, demo2, with the same password.
 */
export async function counsellorOnDuty(page, username = 'demo') {
  await page.goto(`${BASE}/console`);
  await switchTo(page, 'en');
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  const onDuty = page.getByRole('radio', { name: 'On duty', exact: true });
  await onDuty.waitFor();
  await page.waitForFunction(() => !document.querySelector('#duty-on').disabled, null, { timeout: TIMEOUT });
  await onDuty.check();
}

/** Visitor: open the page in English and join the queue with no preference. */
export async function visitorJoins(page) {
  await page.goto(`${BASE}/`);
  await switchTo(page, 'en');
  const start = page.getByRole('button', { name: 'Start chat', exact: true });
  await page.waitForFunction(() => !document.querySelector('#start-button').disabled, null, { timeout: TIMEOUT });
  await start.click();
}

/** Both sides until the visitor's "Message" box is there: the handshake is done. */
export async function startChat(consolePage, visitorPage) {
  await visitorJoins(visitorPage);
  await consolePage.getByRole('button', { name: 'Accept next', exact: true }).click();
  await visitorPage.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  await consolePage.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
}

/** Fails the calling test with a readable message. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Holds back every request to `pattern` for `ms` (a slow network) and counts them:
 * `const sent = await slowed(page, '**\/api/x', 500); … sent.count`.
 */
export async function slowed(page, pattern, ms) {
  const sent = { count: 0 };
  await page.route(pattern, async (route) => {
    sent.count += 1;
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
  return sent;
}
