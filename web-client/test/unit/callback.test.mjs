// Codes, sealing to the team and replies (docs/crypto.md "Visitor code", "Sealed to the team").
// The fixed values are the Java implementation's (VisitorCodeTest pins the same), so both sides
// derive the same lookup and reply key from one code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  codeText, createDeviceKeys, lookupOf, newCode, openAsDevice, openReply, parseCode, replyKeyPair, sealReply,
  sealToTeam, toB64u,
} from '../../src/main/resources/webroot/js/crypto/index.js';
import { generateIdentityKey, sign } from '../../src/main/resources/webroot/js/crypto/ed25519.js';
import { certificateBytes } from '../../src/main/resources/webroot/js/crypto/certificate.js';

const FIXED = '0123 4567 89AB CDEF GHJK MNPQ';

test('a code is 24 base32 characters in groups of four, read back however it is typed', () => {
  const code = newCode();
  assert.equal(code.length, 15);
  const text = codeText(code);
  assert.match(text, /^([0-9A-HJKMNP-TV-Z]{4} ){5}[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.deepEqual(parseCode(text.toLowerCase().replace(/ /g, '-')), code);
  assert.equal(codeText(parseCode('o123 4567 89ab cdef ghjk mnpq')), FIXED);
  assert.throws(() => parseCode('0123 4567'), { reason: 'bad_code' });
  assert.throws(() => parseCode('U123 4567 89AB CDEF GHJK MNPQ'), { reason: 'bad_code' });
});

test('lookup and reply key are derived exactly as on the JVM', async () => {
  const code = parseCode(FIXED);
  assert.equal(await lookupOf(code), 'ErCdnkGgnDeLJVoxzhKDxCus0Jmhoo2kZxoZvUyAB-w');
  assert.equal(toB64u((await replyKeyPair(code)).pk), 'CA2JS4MnfJsAbVgkGj6jb9au9gD3Kq42uLCVOePRxS4');
});

async function certified(org, device, notBefore, notAfter) {
  const cert = { v: 1, deviceId: device.deviceId, idPub: toB64u(device.idPub), encPub: toB64u(device.encPub),
    notBefore, notAfter, displayName: 'Kari' };
  return { ...cert, sig: toB64u(await sign(org.keyPair.privateKey, certificateBytes(cert))) };
}

test('sealed to every verified device, each opens only its own copy; forged and expired keys are skipped', async () => {
  const org = await generateIdentityKey();
  const other = await generateIdentityKey();
  const [a, b, forged, old] = await Promise.all([createDeviceKeys(), createDeviceKeys(), createDeviceKeys(), createDeviceKeys()]);
  const now = 1_800_000_000;
  const certs = [await certified(org, a, now - 10, now + 10), await certified(org, b, now - 10, now + 10),
    await certified(other, forged, now - 10, now + 10), await certified(org, old, now - 20, now - 10)];
  const inner = { t: 'callback', phone: '+4791234567', note: 'etter kl 18', replyPub: 'x' };
  const { sealed, skipped } = await sealToTeam(certs, org.publicKey, now, 'item-id-0000000000000a', inner);
  assert.deepEqual(Object.keys(sealed).sort(), [a.deviceId, b.deviceId].sort());
  assert.equal(skipped, 2);
  assert.deepEqual(await openAsDevice(sealed[a.deviceId], a.encryptionKey.privateKey, a.deviceId, 'item-id-0000000000000a'), inner);
  await assert.rejects(openAsDevice(sealed[a.deviceId], b.encryptionKey.privateKey, b.deviceId, 'item-id-0000000000000a'));
  await assert.rejects(openAsDevice(sealed[a.deviceId], a.encryptionKey.privateKey, a.deviceId, 'item-id-0000000000000b'),
    'bound to its item id');
});

test('a reply sealed to the code opens with the code alone', async () => {
  const code = newCode();
  const { pk } = await replyKeyPair(code);
  const box = await sealReply(toB64u(pk), 'item-1', { t: 'reply', text: 'Hei, vi ringer i morgen.' });
  const again = await replyKeyPair(parseCode(codeText(code)));
  assert.deepEqual(await openReply(box, again.sk, 'item-1'), { t: 'reply', text: 'Hei, vi ringer i morgen.' });
  await assert.rejects(openReply(box, (await replyKeyPair(newCode())).sk, 'item-1'));
});

test('phone numbers: Norwegian without a country code, any other with + or 00', async () => {
  const { normalisePhone } = await import('../../src/main/resources/webroot/js/ui/phone.js');
  assert.equal(normalisePhone('912 34 567'), '+4791234567');
  assert.equal(normalisePhone('+47 22-33-44-55'), '+4722334455');
  assert.equal(normalisePhone('0046 70 123 45 67'), '+46701234567');
  assert.equal(normalisePhone('+1 (202) 555-0143'), '+12025550143');
  for (const bad of ['', '1234', '12345678', '+47 1234 5678', '+47 912 34 5678', 'ring meg', '+0123456789']) {
    assert.equal(normalisePhone(bad), null, bad);
  }
});

test('opening hours in Oslo become the right instants, summer and winter', async () => {
  const { zonedEpoch } = await import('../../src/main/resources/webroot/js/ui/zoned.js');
  assert.equal(zonedEpoch('2026-11-24', '17:00', 'Europe/Oslo'), Date.parse('2026-11-24T16:00:00Z'));
  assert.equal(zonedEpoch('2026-06-24', '17:00', 'Europe/Oslo'), Date.parse('2026-06-24T15:00:00Z'));
  assert.equal(zonedEpoch('2026-11-24', '24:00', 'Europe/Oslo'), Date.parse('2026-11-24T23:00:00Z'));
});
