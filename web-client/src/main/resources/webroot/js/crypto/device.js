/**
 * Counsellor device keys (docs/crypto.md "Counsellor device keys"): an Ed25519 identity key and
 * an X25519 encryption key, both created in the browser with non-extractable private halves, and
 * the identifiers an administrator compares before certifying the device.
 * Storing the keys (IndexedDB) is the UI layer's job; CryptoKey objects survive structured clone.
 */
import { toB64u, toHex } from './b64.js';
import { lpAll } from './lp.js';
import { generateIdentityKey } from './ed25519.js';
import { generateKeyPair } from './x25519.js';

/** SHA-256(lp("lytt/device/v1") || lp(idPub) || lp(encPub)) */
async function deviceHash(idPub, encPub) {
  const bytes = lpAll('lytt/device/v1', idPub, encPub);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}

/**
 * deviceId = base64url(first 16 bytes of the device hash): 22 characters.
 * @param {Uint8Array} idPub Ed25519 public key, 32 bytes
 * @param {Uint8Array} encPub X25519 public key, 32 bytes
 * @returns {Promise<string>}
 */
export async function deviceIdOf(idPub, encPub) {
  return toB64u((await deviceHash(idPub, encPub)).subarray(0, 16));
}

/**
 * fingerprint = first 20 bytes of the device hash as 40 lowercase hex digits, in groups of four
 * ("1a2b 3c4d …") so an administrator can read it aloud and compare.
 * @param {Uint8Array} idPub
 * @param {Uint8Array} encPub
 * @returns {Promise<string>}
 */
export async function fingerprintOf(idPub, encPub) {
  return formatFingerprint(toHex((await deviceHash(idPub, encPub)).subarray(0, 20)));
}

/**
 * Groups 40 hex digits in fours.
 * @param {string} hex
 * @returns {string}
 */
export function formatFingerprint(hex) {
  return hex.match(/.{1,4}/g).join(' ');
}

/**
 * @typedef {object} DeviceKeys
 * @property {CryptoKeyPair} identityKey Ed25519, private half non-extractable
 * @property {CryptoKeyPair} encryptionKey X25519, private half non-extractable
 * @property {Uint8Array} idPub
 * @property {Uint8Array} encPub
 * @property {string} deviceId
 * @property {string} fingerprint
 */

/**
 * Creates the keys of a new console device. Register `idPub`/`encPub` (base64url) with
 * `POST /api/devices`; the server's answer must carry the same deviceId and fingerprint.
 * @returns {Promise<DeviceKeys>}
 */
export async function createDeviceKeys() {
  const identity = await generateIdentityKey();
  const encryption = await generateKeyPair();
  const idPub = identity.publicKey;
  const encPub = encryption.pub;
  const hash = await deviceHash(idPub, encPub);
  return {
    identityKey: identity.keyPair,
    encryptionKey: { privateKey: encryption.privateKey, publicKey: encryption.publicKey },
    idPub,
    encPub,
    deviceId: toB64u(hash.subarray(0, 16)),
    fingerprint: formatFingerprint(toHex(hash.subarray(0, 20))),
  };
}

