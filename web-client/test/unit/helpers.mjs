// Shared test fixtures: an organisation key, certified devices, offers. Not a test file itself.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const CRYPTO_DIR = fileURLToPath(new URL('../../src/main/resources/webroot/js/crypto/', import.meta.url));
export const VECTORS_DIR = path.resolve(fileURLToPath(new URL('../../../docs/vectors/', import.meta.url)));

const c = (name) => import(new URL(`../../src/main/resources/webroot/js/crypto/${name}`, import.meta.url).href);
export const b64 = await c('b64.js');
export const lpm = await c('lp.js');
export const errors = await c('errors.js');
export const hpke = await c('hpke.js');
export const ed = await c('ed25519.js');
export const device = await c('device.js');
export const certificate = await c('certificate.js');
export const chat = await c('chat.js');
export const cipher = await c('cipher.js');
export const frame = await c('frame.js');
export const support = await c('support.js');
export const api = await c('index.js');

export const NOW = 1_800_000_000;

/** Asserts that `promise` rejects with a CryptoError of `reason`. */
export async function rejectsWith(assert, promise, reason) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof errors.CryptoError, `expected CryptoError, got ${e}`);
    assert.equal(e.reason, reason, e.message);
    return true;
  });
}

/** A fresh organisation key pair: {privateKey, pub (raw)}. */
export async function makeOrg() {
  const { keyPair, publicKey } = await ed.generateIdentityKey();
  return { privateKey: keyPair.privateKey, pub: publicKey };
}

/** A certificate JSON object for `dev`, signed by `org` (fields overridable before signing). */
export async function certify(org, dev, fields = {}) {
  const cert = {
    v: 1,
    deviceId: dev.deviceId,
    idPub: b64.toB64u(dev.idPub),
    encPub: b64.toB64u(dev.encPub),
    notBefore: NOW - 3600,
    notAfter: NOW + 86400,
    displayName: 'Kari',
    ...fields,
  };
  cert.sig = b64.toB64u(await ed.sign(org.privateKey, certificate.certificateBytes(cert)));
  return cert;
}

/** A counsellor device certified by a fresh org, and a chat key offer for it. */
export async function setupChat(options = {}) {
  const org = options.org ?? (await makeOrg());
  const dev = options.dev ?? (await device.createDeviceKeys());
  const cert = await certify(org, dev, options.certFields);
  const key = await chat.createChatKey(dev);
  const offer = { type: 'offer', chatId: key.chatId, chatPub: key.chatPub, chatKeySig: key.chatKeySig, certificate: cert };
  return { org, dev, cert, key, offer };
}

/** Both ends of one established chat. */
export async function connectedPair(options) {
  const s = await setupChat(options);
  const visitor = await chat.openOffer(s.offer, s.org.pub, NOW);
  const counsellor = await s.key.accept(visitor.enc);
  return { ...s, visitor: visitor.cipher, counsellor, offered: visitor };
}

/**
 * The X25519 public keys whose shared secret with any private key is all zero (libsodium's
 * blocklist): 0, 1, two points of order 8, p-1, p, p+1. X25519 ignores bit 255, so the same
 * points with the top bit set are low order too.
 */
export const LOW_ORDER_POINTS = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
];

/** Small seeded PRNG (mulberry32) so a failing property run can be replayed from its seed. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
