/**
 * The organisation key file (docs/crypto.md "Organisation key file", chat-server's
 * crypto/OrgKeyFile.java), opened in an administrator's browser to certify a console device. The
 * file and the passphrase never leave this page: the key is derived here with Argon2id (the
 * vendored hash-wasm, WebAssembly), the seed decrypted with WebCrypto's AES-GCM, and imported as a
 * non-extractable Ed25519 key that only signs.
 */
import '../vendor/hash-wasm-4.13.0/argon2.umd.min.js';
import { CryptoError } from './errors.js';
import { fromB64u, toB64u, utf8, concat } from './b64.js';
import { lpAll, u32 } from './lp.js';
import { verify } from './ed25519.js';
import { certificateBytes } from './certificate.js';

/** The same bounds as the server's reader: a planted file cannot make the page allocate without limit. */
const MAX = { memoryKiB: 2 * 1024 * 1024, iterations: 64, parallelism: 64 };
/** PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): WebCrypto imports private keys only so. */
const PKCS8_ED25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

function bad(message) {
  return new CryptoError('bad_key_file', message);
}

function bounded(kdf, field) {
  const v = kdf[field];
  if (!Number.isInteger(v) || v < 1 || v > MAX[field]) throw bad(`kdf.${field} out of range`);
  return v;
}

/**
 * Opens a key file with its passphrase.
 * @param {string} text the file's JSON
 * @param {string} passphrase
 * @returns {Promise<{publicKey: string, sign: (data: Uint8Array) => Promise<Uint8Array>}>} publicKey base64url
 * @throws {CryptoError} `bad_key_file` (not a Lytt key file) or `bad_passphrase`
 */
export async function openOrgKeyFile(text, passphrase) {
  let root;
  try {
    root = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  const kdf = root?.kdf ?? {};
  if (root?.format !== 'lytt-org-key' || root.v !== 1 || kdf.alg !== 'argon2id' || kdf.version !== 19
      || root.cipher?.alg !== 'AES-256-GCM') {
    throw bad('not a Lytt organisation key file of version 1');
  }
  let publicKey; let salt; let nonce; let ct;
  try {
    publicKey = fromB64u(root.publicKey);
    salt = fromB64u(kdf.salt);
    nonce = fromB64u(root.cipher.nonce);
    ct = fromB64u(root.ciphertext);
  } catch {
    throw bad('a field is not base64url');
  }
  if (publicKey.length !== 32 || salt.length < 16 || nonce.length !== 12 || ct.length !== 48) throw bad('a field has the wrong length');
  const memoryKiB = bounded(kdf, 'memoryKiB');
  const iterations = bounded(kdf, 'iterations');
  const parallelism = bounded(kdf, 'parallelism');
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new CryptoError('bad_passphrase', 'empty passphrase');

  const keyBytes = await globalThis.hashwasm.argon2id({
    password: utf8(passphrase.normalize('NFC')), salt, parallelism, iterations, memorySize: memoryKiB,
    hashLength: 32, outputType: 'binary',
  });
  const aad = lpAll('lytt/org-key/v1', publicKey, u32(19), u32(memoryKiB), u32(iterations), u32(parallelism), salt);
  const subtle = globalThis.crypto.subtle;
  const aes = await subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['decrypt']);
  keyBytes.fill(0);
  let seed;
  try {
    seed = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength: 128 }, aes, ct));
  } catch {
    throw new CryptoError('bad_passphrase', 'wrong passphrase, or the file was changed');
  }
  const pkcs8 = concat(PKCS8_ED25519, seed);
  seed.fill(0);
  const privateKey = await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  pkcs8.fill(0);
  const sign = async (data) => new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, data));
  // The sealed seed must be the key the file names: a probe signature checks it without exporting anything.
  const probe = utf8('lytt/org-key/v1 probe');
  if (!(await verify(publicKey, await sign(probe), probe))) throw bad('the sealed key does not match the public key');
  return { publicKey: toB64u(publicKey), sign };
}

/**
 * A device certificate signed with an opened organisation key (docs/crypto.md "Device certificate").
 * @param {{sign: Function}} orgKey from openOrgKeyFile
 * @param {{deviceId: string, idPub: string, encPub: string}} device as the server lists it
 * @param {string} displayName the owner's display name
 * @param {number} notBefore Unix seconds
 * @param {number} notAfter Unix seconds, exclusive
 */
export async function certifyDevice(orgKey, device, displayName, notBefore, notAfter) {
  const cert = { v: 1, deviceId: device.deviceId, idPub: device.idPub, encPub: device.encPub, notBefore, notAfter, displayName };
  return { ...cert, sig: toB64u(await orgKey.sign(certificateBytes(cert))) };
}


