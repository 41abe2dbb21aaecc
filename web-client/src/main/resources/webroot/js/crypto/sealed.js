/**
 * One-shot HPKE sealing of items that wait for their reader (docs/crypto.md "Sealed to the team",
 * "Replies"). The visitor's page seals contact details or a first message to every counsellor
 * device whose certificate verifies under the pinned organisation key — a key the server slips in
 * without such a certificate is never used — and opens a counsellor's reply with the key pair
 * derived from its code.
 *
 *   to the team: info = "lytt/sealed/v1" || id, aad = lp("lytt/sealed/v1") || lp(id) || lp(deviceId)
 *   a reply:     info = "lytt/reply/v1" || id,  aad = lp("lytt/reply/v1") || lp(id)
 *
 * The plaintext is UTF-8 JSON padded like a chat message.
 */
import { CryptoError } from './errors.js';
import { fromB64u, fromUtf8, toB64u, utf8 } from './b64.js';
import { lpAll } from './lp.js';
import { setupBaseR, setupBaseS } from './hpke.js';
import { verifyCertificate } from './certificate.js';
import { pad, unpad } from './frame.js';

const SEALED = 'lytt/sealed/v1';
const REPLY = 'lytt/reply/v1';

async function seal(pkR, info, aad, inner) {
  const { enc, context } = await setupBaseS(pkR, info);
  try {
    const ct = await context.seal(aad, pad(utf8(JSON.stringify(inner))));
    return { enc: toB64u(enc), ct: toB64u(ct) };
  } finally {
    context.destroy();
  }
}

async function open(box, skR, info, aad) {
  const context = await setupBaseR(fromB64u(box.enc), skR, info);
  try {
    const inner = JSON.parse(fromUtf8(unpad(await context.open(aad, fromB64u(box.ct)))));
    if (inner === null || typeof inner !== 'object') throw new CryptoError('bad_message', 'not an object');
    return inner;
  } finally {
    context.destroy();
  }
}

const teamAad = (id, deviceId) => lpAll(SEALED, id, deviceId);

/**
 * Seals `inner` to each certificate that verifies now; the others are skipped.
 * @returns {Promise<{sealed: Object<string, {enc: string, ct: string}>, skipped: number}>}
 */
export async function sealToTeam(certificates, orgKey, nowSeconds, id, inner) {
  const sealed = {};
  let skipped = 0;
  for (const cert of certificates) {
    if (!(await verifyCertificate(cert, orgKey, nowSeconds)).ok) {
      skipped++;
      continue;
    }
    sealed[cert.deviceId] = await seal(fromB64u(cert.encPub), utf8(SEALED + id), teamAad(id, cert.deviceId), inner);
  }
  return { sealed, skipped };
}

/** Opens this device's copy. @param {CryptoKey} encPrivateKey the device's X25519 key */
export function openAsDevice(box, encPrivateKey, deviceId, id) {
  return open(box, encPrivateKey, utf8(SEALED + id), teamAad(id, deviceId));
}

/** Seals a reply to the visitor's reply key (taken from inside what they sealed). */
export function sealReply(replyPub, id, inner) {
  return seal(fromB64u(replyPub), utf8(REPLY + id), lpAll(REPLY, id), inner);
}

/** Opens a reply with the raw private key derived from the visitor's code. */
export function openReply(box, sk, id) {
  return open(box, sk, utf8(REPLY + id), lpAll(REPLY, id));
}
