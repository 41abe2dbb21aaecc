/**
 * Device certificates (docs/crypto.md "Device certificate"): the organisation key's statement
 * "this identity key and this encryption key belong to device deviceId, shown as displayName,
 * between notBefore and notAfter". A visitor's page trusts a counsellor's chat key only through
 * a certificate that verifies under the organisation key pinned in the page.
 */
import { CryptoError } from './errors.js';
import { fromB64u } from './b64.js';
import { lpAll, u64 } from './lp.js';
import { verify } from './ed25519.js';
import { deviceIdOf } from './device.js';

/**
 * @typedef {object} Certificate JSON form, binary fields base64url
 * @property {1} v
 * @property {string} deviceId
 * @property {string} idPub
 * @property {string} encPub
 * @property {number} notBefore Unix seconds
 * @property {number} notAfter Unix seconds, exclusive
 * @property {string} displayName
 * @property {string} [sig] Ed25519 signature by the organisation key over certificateBytes
 */

const DEVICE_ID_RE = /^[A-Za-z0-9_-]{22}$/;

function bad(message) {
  return new CryptoError('bad_certificate', message);
}

function key32(text, name) {
  let bytes;
  try {
    bytes = fromB64u(text);
  } catch {
    throw bad(`${name} is not base64url`);
  }
  if (bytes.length !== 32) throw bad(`${name} is not 32 bytes`);
  return bytes;
}

/**
 * Checks the shape of a certificate and decodes its binary fields.
 * @param {Certificate} cert
 * @returns {{idPub: Uint8Array, encPub: Uint8Array}}
 * @throws {CryptoError} `bad_certificate`
 */
function parse(cert) {
  if (cert === null || typeof cert !== 'object') throw bad('certificate is not an object');
  if (cert.v !== 1) throw bad('unknown certificate version');
  if (typeof cert.deviceId !== 'string' || !DEVICE_ID_RE.test(cert.deviceId)) throw bad('malformed deviceId');
  for (const t of ['notBefore', 'notAfter']) {
    if (!Number.isSafeInteger(cert[t]) || cert[t] < 0) throw bad(`malformed ${t}`);
  }
  if (typeof cert.displayName !== 'string') throw bad('malformed displayName');
  return { idPub: key32(cert.idPub, 'idPub'), encPub: key32(cert.encPub, 'encPub') };
}

/**
 * The bytes the organisation key signs:
 * lp("lytt/cert/v1") || lp(deviceId) || lp(idPub) || lp(encPub) || lp(u64(notBefore))
 * || lp(u64(notAfter)) || lp(displayName). deviceId and displayName are UTF-8 strings,
 * the keys raw bytes.
 * @param {Certificate} cert (`sig` is ignored)
 * @returns {Uint8Array}
 * @throws {CryptoError} `bad_certificate` if a field is malformed
 */
export function certificateBytes(cert) {
  const { idPub, encPub } = parse(cert);
  try {
    return lpAll('lytt/cert/v1', cert.deviceId, idPub, encPub, u64(cert.notBefore), u64(cert.notAfter), cert.displayName);
  } catch {
    throw bad('displayName too long'); // lp() refuses fields over 65535 bytes
  }
}

/**
 * Verifies a certificate at time `nowSeconds`: valid iff it is well-formed, its deviceId is the
 * one derived from its keys, the organisation signature verifies, and
 * notBefore <= now < notAfter. The deviceId check is defence in depth: an organisation that
 * signed a mismatched id would let one device's certificate speak for another's id.
 * @param {Certificate} cert
 * @param {Uint8Array|string} orgPub the pinned organisation key, raw or base64url
 * @param {number} nowSeconds Unix seconds
 * @returns {Promise<{ok: true} | {ok: false, reason: 'bad_certificate'|'expired_certificate'}>}
 */
export async function verifyCertificate(cert, orgPub, nowSeconds) {
  try {
    const bytes = certificateBytes(cert);
    const { idPub, encPub } = parse(cert);
    if ((await deviceIdOf(idPub, encPub)) !== cert.deviceId) throw bad('deviceId does not match the keys');
    let sig;
    try {
      sig = fromB64u(cert.sig);
    } catch {
      throw bad('malformed sig');
    }
    const org = typeof orgPub === 'string' ? fromB64u(orgPub) : orgPub;
    if (!(await verify(org, sig, bytes))) throw bad('signature does not verify');
  } catch (e) {
    return { ok: false, reason: 'bad_certificate' };
  }
  if (typeof nowSeconds !== 'number' || !(cert.notBefore <= nowSeconds && nowSeconds < cert.notAfter)) {
    return { ok: false, reason: 'expired_certificate' };
  }
  return { ok: true };
}
