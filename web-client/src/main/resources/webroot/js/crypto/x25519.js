/**
 * X25519 on WebCrypto: key import, Diffie-Hellman with the low-order check, public key of a
 * private key. Public keys travel as 32 raw bytes; raw private scalars (only ever derived ones,
 * RFC 9180 DeriveKeyPair) are imported through PKCS#8.
 */
import { CryptoError } from './errors.js';
import { concat } from './b64.js';

const subtle = () => globalThis.crypto.subtle;
const ALG = { name: 'X25519' };

/**
 * PKCS#8 PrivateKeyInfo for id-X25519 (OID 1.3.101.110, RFC 8410) with the 32-byte key appended:
 * SEQUENCE { INTEGER 0, SEQUENCE { OID }, OCTET STRING { OCTET STRING (32) } }.
 * Fixed length, so a fixed prefix is the whole DER encoder we need.
 */
const PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);

/** The u-coordinate 9 of the Curve25519 base point: X25519(sk, 9) is the public key of sk. */
const BASE_POINT = new Uint8Array(32);
BASE_POINT[0] = 9;

/**
 * Imports a 32-byte X25519 public key.
 * @param {Uint8Array} raw
 * @returns {Promise<CryptoKey>}
 * @throws {CryptoError} `bad_key`
 */
export async function importPublicKey(raw) {
  if (!(raw instanceof Uint8Array) || raw.length !== 32) {
    throw new CryptoError('bad_key', 'an X25519 public key is 32 bytes');
  }
  try {
    return await subtle().importKey('raw', raw, ALG, true, []);
  } catch (e) {
    throw new CryptoError('bad_key', 'X25519 public key rejected', { cause: e });
  }
}

/**
 * Imports a raw 32-byte X25519 private scalar as a non-extractable key.
 * @param {Uint8Array} raw
 * @returns {Promise<CryptoKey>}
 */
export async function importPrivateKey(raw) {
  if (!(raw instanceof Uint8Array) || raw.length !== 32) {
    throw new CryptoError('bad_key', 'an X25519 private key is 32 bytes');
  }
  const pkcs8 = concat(PKCS8_PREFIX, raw);
  try {
    return await subtle().importKey('pkcs8', pkcs8, ALG, false, ['deriveBits']);
  } catch (e) {
    throw new CryptoError('bad_key', 'X25519 private key rejected', { cause: e });
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * A fresh X25519 key pair; the private half is non-extractable.
 * @returns {Promise<{privateKey: CryptoKey, publicKey: CryptoKey, pub: Uint8Array}>}
 */
export async function generateKeyPair() {
  const kp = await subtle().generateKey(ALG, false, ['deriveBits']);
  const pub = new Uint8Array(await subtle().exportKey('raw', kp.publicKey));
  return { privateKey: kp.privateKey, publicKey: kp.publicKey, pub };
}

/**
 * X25519(sk, pk). Refuses an all-zero result, which every low-order peer key produces
 * (RFC 9180 §7.1.4, RFC 7748 §6.1): such a "shared" secret would be known to anyone.
 * Current WebCrypto implementations already throw OperationError for it; either way the caller
 * sees one typed error.
 * @param {CryptoKey} privateKey
 * @param {Uint8Array} peerPublic 32 bytes
 * @returns {Promise<Uint8Array>} 32 bytes
 * @throws {CryptoError} `bad_key`
 */
export async function dh(privateKey, peerPublic) {
  const pub = await importPublicKey(peerPublic);
  let bits;
  try {
    bits = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: pub }, privateKey, 256));
  } catch (e) {
    throw new CryptoError('bad_key', 'X25519 failed (low-order public key?)', { cause: e });
  }
  if (bits.every((b) => b === 0)) throw new CryptoError('bad_key', 'X25519 result is all zero');
  return bits;
}

/**
 * The public key of a private key, computed as X25519(sk, 9), so it works for non-extractable
 * keys too (WebCrypto has no "public key of" operation in our browser baseline).
 * @param {CryptoKey} privateKey
 * @returns {Promise<Uint8Array>}
 */
export function publicKeyOf(privateKey) {
  return dh(privateKey, BASE_POINT);
}
