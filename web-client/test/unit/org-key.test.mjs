import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const webroot = new URL('../../src/main/resources/webroot', import.meta.url).href;

const { openOrgKeyFile, certifyDevice } = await import(`${webroot}/js/crypto/org-key.js`);
const { verifyCertificate } = await import(`${webroot}/js/crypto/certificate.js`);
const { createDeviceKeys } = await import(`${webroot}/js/crypto/device.js`);
const { toB64u } = await import(`${webroot}/js/crypto/b64.js`);

// Written by the server's own OrgKey.save (Argon2id with small parameters, so the test is quick):
// the page must open exactly what the Java side writes.
const FILE = new URL('./fixtures/org-key.json', import.meta.url);
const PASSPHRASE = 'correct horse æøå';

test('a key file written by the server opens in the page and certifies a device the visitor page accepts', async () => {
  const text = await readFile(FILE, 'utf8');
  const key = await openOrgKeyFile(text, PASSPHRASE.normalize('NFD'));
  assert.equal(key.publicKey, JSON.parse(text).publicKey);
  const d = await createDeviceKeys();
  const now = 1_800_000_000;
  const cert = await certifyDevice(key, { deviceId: d.deviceId, idPub: toB64u(d.idPub), encPub: toB64u(d.encPub) },
    'Kari', now - 300, now + 365 * 86400);
  assert.deepEqual(await verifyCertificate(cert, key.publicKey, now), { ok: true });
  assert.deepEqual(await verifyCertificate({ ...cert, displayName: 'Ola' }, key.publicKey, now),
    { ok: false, reason: 'bad_certificate' });
});

test('a wrong passphrase, a changed parameter and a file of another kind are refused', async () => {
  const text = await readFile(FILE, 'utf8');
  await assert.rejects(openOrgKeyFile(text, 'wrong'), { reason: 'bad_passphrase' });
  const weakened = JSON.parse(text);
  weakened.kdf.iterations = 1;
  await assert.rejects(openOrgKeyFile(JSON.stringify(weakened), PASSPHRASE), { reason: 'bad_passphrase' },
    'the parameters are bound into the AAD');
  await assert.rejects(openOrgKeyFile('{"format":"something else"}', PASSPHRASE), { reason: 'bad_key_file' });
  await assert.rejects(openOrgKeyFile('not json', PASSPHRASE), { reason: 'bad_key_file' });
  const huge = JSON.parse(text);
  huge.kdf.memoryKiB = 1 << 30;
  await assert.rejects(openOrgKeyFile(JSON.stringify(huge), PASSPHRASE), { reason: 'bad_key_file' });
});

test('the vendored hash-wasm is byte for byte the pinned npm release', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.devDependencies['hash-wasm'], '4.13.0', 'the version in the vendored path');
  const vendored = await readFile(new URL(`${webroot}/js/vendor/hash-wasm-4.13.0/argon2.umd.min.js`));
  const upstream = await readFile(new URL('../../node_modules/hash-wasm/dist/argon2.umd.min.js', import.meta.url));
  assert.ok(vendored.equals(upstream));
});
