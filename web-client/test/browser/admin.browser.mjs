// Administration in the browser: an administrator invites a counsellor at /admin; the invitee sets
// a password at /invite, enrols the second factor (the code is computed here from the secret the
// page shows) and logs in to the console with a fresh code; the console's device waits, and the
// administrator certifies it by opening the organisation key file in the page; a counsellor who
// opens /admin sees only a notice. Both pages load without CSP violations and pass axe-core with
// no serious or critical finding.
// Environment (besides helpers.mjs): LYTT_ADMIN_PASSWORD, LYTT_ORG_KEY_FILE, LYTT_ORG_KEY_PASSPHRASE.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { BASE, adminLogsInInEnglish, launch, newPage, switchTo } from './helpers.mjs';
import { axeFindings } from './a11y.mjs';

const ADMIN_PASSWORD = process.env.LYTT_ADMIN_PASSWORD || '';
const KEY_FILE = process.env.LYTT_ORG_KEY_FILE || '';
const PASSPHRASE = process.env.LYTT_ORG_KEY_PASSPHRASE || '';
const cspProblems = (log) => log.console.filter(([, text]) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)|'integrity' attribute/i.test(text));

/** RFC 6238 with the server's parameters (SHA-1, 30 s, 6 digits), for the step `offset` steps from now. */
function totp(base32, offset = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + offset));
  const mac = createHmac('sha1', key).update(counter).digest();
  const o = mac[19] & 0xf;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function adminLogsIn(page) {
  await adminLogsInInEnglish(page, ADMIN_PASSWORD);
  await page.getByRole('heading', { name: 'Accounts' }).waitFor();
}

test('invite, first log-in with a second factor, device approval with the key file, role enforcement, a11y',
  { timeout: 180000 }, async (t) => {
    const browser = await launch();
    t.after(() => browser.close());
    const admin = await newPage(browser);
    const a = admin.page;
    const response = await a.goto(`${BASE}/admin`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval';/);
    await adminLogsIn(a);
    assert.ok(await a.getByRole('heading', { name: 'Devices' }).isVisible());

    const username = `kari${Date.now() % 100000}`;
    const form = a.getByRole('form', { name: 'New account' });
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Display name').fill('Kari');
    await form.getByLabel('Gender (visitors may ask for a man or a woman)').selectOption('woman');
    await a.getByRole('button', { name: 'Create and make an invitation' }).click();
    await a.locator('#invitation-link', { hasText: '/invite#' }).waitFor();
    const link = (await a.locator('#invitation-link').textContent()).trim();
    assert.match(link, /\/invite#[A-Za-z0-9_-]{43}$/);
    await a.getByRole('cell', { name: username, exact: true }).waitFor();

    // A display name corrected before the device is certified (certificates carry it).
    await a.getByRole('button', { name: `Edit ${username}`, exact: true }).click();
    const edit = a.getByRole('form', { name: `Edit ${username}` });
    await edit.getByLabel('Display name').fill('Kari N.');
    await edit.getByRole('button', { name: 'Save', exact: true }).click();
    await a.getByRole('cell', { name: 'Kari N.', exact: true }).waitFor();
    assert.equal(await edit.isHidden(), true, 'the form closes once saved');

    // The invitee, in a browser of their own.
    const invitee = await newPage(browser);
    const i = invitee.page;
    await i.goto(link);
    await switchTo(i, 'en');
    await i.getByText(`Your username is ${username}`).waitFor();
    assert.equal(new URL(i.url()).hash, '', 'the token leaves the address bar at once');
    const password = 'kari has a long password';
    await i.getByLabel('Choose a password (at least 12 characters)').fill(password);
    await i.getByLabel('Type the password again').fill(password);
    await i.getByRole('button', { name: 'Next' }).click();
    await i.getByLabel('Code from the app').waitFor();
    const secret = (await i.locator('#totp-secret').textContent()).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    assert.match(await i.getByRole('link', { name: 'Open in the authenticator app' }).getAttribute('href'), /^otpauth:\/\/totp\//);
    await i.getByLabel('Code from the app').fill(totp(secret) === '000000' ? '111111' : '000000');
    await i.getByRole('button', { name: 'Confirm' }).click();
    await i.getByText('That code is not right').waitFor();
    await i.getByLabel('Code from the app').fill(totp(secret));
    await i.getByRole('button', { name: 'Confirm' }).click();
    await i.getByText('Your account is ready').waitFor();

    // First log-in at the console: the code of the next step (the one confirmed with is used up).
    await i.getByRole('link', { name: 'Log in' }).click();
    await i.waitForURL(`${BASE}/console`);
    await switchTo(i, 'en');
    await i.getByLabel('Username').fill(username);
    await i.getByLabel('Password').fill(password);
    await i.getByLabel('Code from your authenticator app').fill(totp(secret, 1));
    await i.getByRole('button', { name: 'Log in', exact: true }).click();
    await i.getByText('Waiting for approval').waitFor();
    const fingerprint = (await i.locator('#fingerprint').textContent()).trim();
    assert.match(fingerprint, /^[0-9a-f]{4}( [0-9a-f]{4}){9}$/);

    // Role enforcement, as the counsellor sees it.
    const sneak = await i.context().newPage();
    await sneak.goto(`${BASE}/admin`);
    await switchTo(sneak, 'en');
    await sneak.getByText('This page is for administrators only').waitFor();
    assert.equal(await sneak.getByRole('heading', { name: 'Accounts' }).count(), 0);
    await sneak.close();

    // The administrator compares the fingerprint and certifies with the key file.
    await a.reload();
    await switchTo(a, 'en');
    const row = a.locator('#device-rows tr', { hasText: fingerprint });
    await row.waitFor();
    await row.getByRole('button', { name: `Certify ${username}'s device` }).click();
    assert.equal((await a.locator('#certify-fingerprint').textContent()).trim(), fingerprint);
    await a.getByLabel('Organisation key (file)').setInputFiles(KEY_FILE);
    await a.getByLabel('Passphrase').fill('not the passphrase');
    await a.getByRole('button', { name: 'The fingerprint matches – certify for a year' }).click();
    await a.getByText('Wrong passphrase.').waitFor({ timeout: 60000 });
    await a.getByLabel('Passphrase').fill(PASSPHRASE);
    await a.getByRole('button', { name: 'The fingerprint matches – certify for a year' }).click();
    await row.getByText('Certified until').waitFor({ timeout: 60000 });

    await i.getByRole('button', { name: 'Check again' }).click();
    await i.getByText('Certified. Visitors can verify').waitFor();

    assert.deepEqual(cspProblems(admin.log), [], 'admin: CSP violations');
    assert.deepEqual(cspProblems(invitee.log), [], 'invite and console: CSP violations');
    assert.deepEqual(admin.log.errors, [], 'admin: page errors');

    assert.deepEqual(await axeFindings(browser, `${BASE}/invite#${'A'.repeat(43)}`,
      (p) => p.getByText('Denne lenken virker ikke').waitFor()), [], '/invite (refused link)');
    assert.deepEqual(await axeFindings(browser, `${BASE}/admin`, async (p) => {
      await p.locator('#login-form').getByLabel('Brukernavn').fill('admin');
      await p.locator('#login-form').getByLabel('Passord', { exact: true }).fill(ADMIN_PASSWORD);
      await p.getByRole('button', { name: 'Logg inn', exact: true }).click();
      await p.locator('#device-rows tr').first().waitFor();
    }), [], '/admin');
  });
