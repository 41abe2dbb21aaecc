import test from 'node:test';
import assert from 'node:assert/strict';
import { b64, lpm, device, certificate, ed, makeOrg, certify, NOW } from './helpers.mjs';

const { toB64u, fromB64u, toHex, concat, utf8 } = b64;

test('createDeviceKeys makes non-extractable private keys and matching ids', async () => {
  const d = await device.createDeviceKeys();
  assert.equal(d.identityKey.privateKey.extractable, false);
  assert.equal(d.encryptionKey.privateKey.extractable, false);
  assert.equal(d.identityKey.privateKey.algorithm.name, 'Ed25519');
  assert.equal(d.encryptionKey.privateKey.algorithm.name, 'X25519');
  await assert.rejects(globalThis.crypto.subtle.exportKey('pkcs8', d.identityKey.privateKey));
  assert.equal(d.idPub.length, 32);
  assert.equal(d.encPub.length, 32);
  assert.match(d.deviceId, /^[A-Za-z0-9_-]{22}$/);
  assert.match(d.fingerprint, /^[0-9a-f]{4}( [0-9a-f]{4}){9}$/);
  assert.equal(await device.deviceIdOf(d.idPub, d.encPub), d.deviceId);
  assert.equal(await device.fingerprintOf(d.idPub, d.encPub), d.fingerprint);
  // The identity key signs what its public half verifies.
  const sig = await ed.sign(d.identityKey.privateKey, utf8('x'));
  assert.ok(await ed.verify(d.idPub, sig, utf8('x')));
  // Key objects survive structured cloning, which is how IndexedDB stores them.
  const clone = structuredClone(d.identityKey.privateKey);
  assert.ok(await ed.verify(d.idPub, await ed.sign(clone, utf8('y')), utf8('y')));
});

test('deviceId and fingerprint are the SHA-256 of lp("lytt/device/v1") || lp(idPub) || lp(encPub)', async () => {
  const idPub = Uint8Array.from({ length: 32 }, (_, i) => i);
  const encPub = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
  const input = concat(new Uint8Array([0, 14]), utf8('lytt/device/v1'), new Uint8Array([0, 32]), idPub, new Uint8Array([0, 32]), encPub);
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input));
  assert.equal(await device.deviceIdOf(idPub, encPub), toB64u(hash.subarray(0, 16)));
  const hex = toHex(hash.subarray(0, 20));
  assert.equal((await device.fingerprintOf(idPub, encPub)).replaceAll(' ', ''), hex);
  assert.equal(device.formatFingerprint('0123456789abcdef0123456789abcdef01234567'),
    '0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567');
});

test('certificateBytes is the documented lp() concatenation', () => {
  const idPub = new Uint8Array(32).fill(1);
  const encPub = new Uint8Array(32).fill(2);
  const cert = { v: 1, deviceId: 'AAAAAAAAAAAAAAAAAAAAAA', idPub: toB64u(idPub), encPub: toB64u(encPub),
    notBefore: 1795420800, notAfter: 1826956800, displayName: 'Kåri' };
  const expected = concat(
    lpm.lp('lytt/cert/v1'), lpm.lp('AAAAAAAAAAAAAAAAAAAAAA'), lpm.lp(idPub), lpm.lp(encPub),
    new Uint8Array([0, 8, 0, 0, 0, 0, 0x6b, 0x03, 0xf2, 0x80]),
    new Uint8Array([0, 8, 0, 0, 0, 0, 0x6c, 0xe5, 0x26, 0x00]),
    new Uint8Array([0, 5, 0x4b, 0xc3, 0xa5, 0x72, 0x69]),
  );
  assert.deepEqual(certificate.certificateBytes(cert), expected);
  assert.deepEqual(certificate.certificateBytes({ ...cert, sig: 'ignored' }), expected);
});

test('a certificate is valid exactly in [notBefore, notAfter) under the organisation key', async () => {
  const org = await makeOrg();
  const d = await device.createDeviceKeys();
  const cert = await certify(org, d, { notBefore: 1000, notAfter: 2000 });
  assert.deepEqual(await certificate.verifyCertificate(cert, org.pub, 1000), { ok: true });
  assert.deepEqual(await certificate.verifyCertificate(cert, toB64u(org.pub), 1999), { ok: true });
  assert.deepEqual(await certificate.verifyCertificate(cert, org.pub, 999), { ok: false, reason: 'expired_certificate' });
  assert.deepEqual(await certificate.verifyCertificate(cert, org.pub, 2000), { ok: false, reason: 'expired_certificate' });
});

test('a certificate fails with bad_certificate when any signed field changes or it is malformed', async () => {
  const org = await makeOrg();
  const other = await makeOrg();
  const d = await device.createDeviceKeys();
  const d2 = await device.createDeviceKeys();
  const cert = await certify(org, d);
  const bad = { ok: false, reason: 'bad_certificate' };
  const check = async (c, key = org.pub) => assert.deepEqual(await certificate.verifyCertificate(c, key, NOW), bad, JSON.stringify(c));

  await check(cert, other.pub); // uncertified: another organisation
  await check(await certify(other, d));
  await check({ ...cert, displayName: 'Kåre' });
  await check({ ...cert, notAfter: cert.notAfter + 1 });
  await check({ ...cert, notBefore: cert.notBefore - 1 });
  await check({ ...cert, idPub: toB64u(d2.idPub) });
  await check({ ...cert, encPub: toB64u(d2.encPub) });
  await check({ ...cert, deviceId: d2.deviceId });
  const sig = fromB64u(cert.sig);
  sig[10] ^= 4;
  await check({ ...cert, sig: toB64u(sig) });
  // A signed certificate whose deviceId is not the hash of its keys is refused too.
  await check(await certify(org, d, { deviceId: d2.deviceId }));
  // Malformed: each of these is refused before any signature check.
  for (const patch of [{ v: 2 }, { v: '1' }, { deviceId: 'short' }, { idPub: 'AA' }, { encPub: cert.encPub + 'A' },
    { notBefore: -1 }, { notAfter: 1.5 }, { notAfter: '2000' }, { displayName: 7 }, { sig: 'not*b64' },
    { sig: toB64u(new Uint8Array(63)) }, { idPub: cert.idPub.replace(/.$/, '=') }]) {
    await check({ ...cert, ...patch });
  }
  await check(null);
  await check('cert');
  await check(cert, 'not a key');
  await check(cert, new Uint8Array(31));
});

test('Ed25519 verify is false, never an exception, for malformed input', async () => {
  const { keyPair, publicKey } = await ed.generateIdentityKey();
  assert.equal(keyPair.privateKey.extractable, false);
  const data = utf8('data');
  const sig = await ed.sign(keyPair.privateKey, data);
  assert.equal(sig.length, 64);
  assert.equal(await ed.verify(publicKey, sig, data), true);
  assert.equal(await ed.verify(publicKey, sig, utf8('Data')), false);
  assert.equal(await ed.verify(publicKey, sig.subarray(0, 63), data), false);
  assert.equal(await ed.verify(new Uint8Array(31), sig, data), false);
  assert.equal(await ed.verify(publicKey, 'sig', data), false);
  assert.equal(await ed.verify(null, sig, data), false);
  // S >= L (non-canonical signature): refused.
  const big = sig.slice();
  big.set(new Uint8Array(32).fill(0xff), 32);
  assert.equal(await ed.verify(publicKey, big, data), false);
});

test('RFC 8032 test 1: Ed25519 verification agrees with the published signature', async () => {
  const pub = b64.fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  const sig = b64.fromHex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155'
    + '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
  assert.equal(await ed.verify(pub, sig, new Uint8Array(0)), true);
});
