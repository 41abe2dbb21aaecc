/**
 * Ed25519 (RFC 8032, pure) on WebCrypto: identity keys of counsellor devices, the organisation
 * key's certificates, chat key signatures. Public keys and signatures travel as raw bytes
 * (32 and 64).
 */
import { CryptoError } from './errors.js';

const subtle = () => globalThis.crypto.subtle;
const ALG = { name: 'Ed25519' };

/**
 * Creates an identity key pair. The private half is non-extractable: it can be stored in
 * IndexedDB (structured clone) but its bytes can never be read back, not even by our own code.
 * @returns {Promise<{keyPair: CryptoKeyPair, publicKey: Uint8Array}>}
 */
export async function generateIdentityKey() {
  const keyPair = await subtle().generateKey(ALG, false, ['sign', 'verify']);
  const publicKey = new Uint8Array(await subtle().exportKey('raw', keyPair.publicKey));
  return { keyPair, publicKey };
}

/**
 * Imports a raw 32-byte Ed25519 public key for verification.
 * @param {Uint8Array} raw
 * @returns {Promise<CryptoKey>}
 * @throws {CryptoError} `bad_key`
 */
export async function importPublicKey(raw) {
  if (!(raw instanceof Uint8Array) || raw.length !== 32) throw new CryptoError('bad_key', 'an Ed25519 public key is 32 bytes');
  try {
    return await subtle().importKey('raw', raw, ALG, true, ['verify']);
  } catch (e) {
    throw new CryptoError('bad_key', 'Ed25519 public key rejected', { cause: e });
  }
}

/**
 * @param {CryptoKey} privateKey Ed25519 private key
 * @param {Uint8Array} data
 * @returns {Promise<Uint8Array>} 64-byte signature
 */
export async function sign(privateKey, data) {
  return new Uint8Array(await subtle().sign(ALG, privateKey, data));
}

/**
 * Verifies a signature. Never throws: anything malformed (wrong lengths, a public key the
 * platform refuses, a non-canonical signature) is simply "does not verify".
 * @param {Uint8Array|CryptoKey} publicKey raw 32 bytes or an imported key
 * @param {Uint8Array} signature
 * @param {Uint8Array} data
 * @returns {Promise<boolean>}
 */
export async function verify(publicKey, signature, data) {
  try {
    if (!(signature instanceof Uint8Array) || signature.length !== 64 || !(data instanceof Uint8Array)) return false;
    const key = publicKey instanceof Uint8Array ? await importPublicKey(publicKey) : publicKey;
    return await subtle().verify(ALG, key, signature, data);
  } catch {
    return false;
  }
}
