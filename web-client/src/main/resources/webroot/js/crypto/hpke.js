/**
 * HPKE (RFC 9180), base mode, one suite only:
 * DHKEM(X25519, HKDF-SHA256) 0x0020 / HKDF-SHA256 0x0001 / AES-256-GCM 0x0002.
 *
 * WebCrypto's HKDF fuses extract and expand and cannot take the labelled inputs of RFC 9180 §4,
 * so HKDF (RFC 5869) is written here on HMAC-SHA256. Everything else is WebCrypto.
 * Checked against the official vectors of this suite (test/unit/hpke.test.mjs).
 */
import { CryptoError } from './errors.js';
import { concat, utf8 } from './b64.js';
import { u16 } from './lp.js';
import * as x25519 from './x25519.js';

const subtle = () => globalThis.crypto.subtle;

export const KEM_ID = 0x0020;
export const KDF_ID = 0x0001;
export const AEAD_ID = 0x0002;

const NH = 32; // HKDF-SHA256 output size
const NK = 32; // AES-256 key size
const NN = 12; // AES-GCM nonce size
const MODE_BASE = 0x00;

const VERSION = utf8('HPKE-v1');
const KEM_SUITE = concat(utf8('KEM'), u16(KEM_ID));
const HPKE_SUITE = concat(utf8('HPKE'), u16(KEM_ID), u16(KDF_ID), u16(AEAD_ID));
const EMPTY = new Uint8Array(0);
// RFC 5869 §2.2: a missing salt is HashLen zero bytes. WebCrypto refuses empty HMAC keys, and
// HMAC pads short keys with zeros anyway, so this is the same function.
const ZERO_SALT = new Uint8Array(NH);

async function hmac(key, data) {
  const k = await subtle().importKey('raw', key.length ? key : ZERO_SALT, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, data));
}

/** HKDF-Extract (RFC 5869 §2.2). */
export function extract(salt, ikm) {
  return hmac(salt, ikm);
}

/** HKDF-Expand (RFC 5869 §2.3). */
export async function expand(prk, info, length) {
  if (length > 255 * NH) throw new CryptoError('bad_argument', 'HKDF output too long');
  const out = new Uint8Array(length);
  let t = EMPTY;
  for (let i = 1, at = 0; at < length; i++) {
    t = await hmac(prk, concat(t, info, new Uint8Array([i])));
    out.set(t.subarray(0, Math.min(NH, length - at)), at);
    at += NH;
  }
  return out;
}

function labeledExtract(suite, salt, label, ikm) {
  return extract(salt, concat(VERSION, suite, utf8(label), ikm));
}

function labeledExpand(suite, prk, label, info, length) {
  return expand(prk, concat(u16(length), VERSION, suite, utf8(label), info), length);
}

/**
 * DeriveKeyPair (RFC 9180 §7.1.3) for X25519: the scalar is used as derived (X25519 clamps).
 * @param {Uint8Array} ikm at least 32 bytes of input keying material
 * @returns {Promise<{sk: Uint8Array, pk: Uint8Array}>} raw private scalar and public key
 */
export async function deriveKeyPair(ikm) {
  const prk = await labeledExtract(KEM_SUITE, EMPTY, 'dkp_prk', ikm);
  const sk = await labeledExpand(KEM_SUITE, prk, 'sk', EMPTY, 32);
  const pk = await x25519.publicKeyOf(await x25519.importPrivateKey(sk));
  return { sk, pk };
}

async function extractAndExpand(dh, kemContext) {
  const prk = await labeledExtract(KEM_SUITE, EMPTY, 'eae_prk', dh);
  return labeledExpand(KEM_SUITE, prk, 'shared_secret', kemContext, NH);
}

/**
 * Encap (RFC 9180 §4.1). `ikmE` makes the ephemeral key deterministic, for test vectors only.
 * @param {Uint8Array} pkR
 * @param {Uint8Array} [ikmE]
 * @returns {Promise<{sharedSecret: Uint8Array, enc: Uint8Array}>}
 */
export async function encap(pkR, ikmE) {
  let skE;
  let enc;
  if (ikmE) {
    const kp = await deriveKeyPair(ikmE);
    skE = await x25519.importPrivateKey(kp.sk);
    kp.sk.fill(0);
    enc = kp.pk;
  } else {
    const kp = await x25519.generateKeyPair();
    skE = kp.privateKey;
    enc = kp.pub;
  }
  const dh = await x25519.dh(skE, pkR);
  return { sharedSecret: await extractAndExpand(dh, concat(enc, pkR)), enc };
}

/**
 * Decap (RFC 9180 §4.1).
 * @param {Uint8Array} enc
 * @param {CryptoKey} skR
 * @returns {Promise<Uint8Array>} shared secret
 */
export async function decap(enc, skR) {
  const dh = await x25519.dh(skR, enc);
  const pkR = await x25519.publicKeyOf(skR);
  return extractAndExpand(dh, concat(enc, pkR));
}

/**
 * KeySchedule (RFC 9180 §5.1) in base mode: empty psk and psk_id.
 * @param {Uint8Array} sharedSecret
 * @param {Uint8Array} info
 * @returns {Promise<{key: Uint8Array, baseNonce: Uint8Array, exporterSecret: Uint8Array}>}
 */
export async function keySchedule(sharedSecret, info) {
  const pskIdHash = await labeledExtract(HPKE_SUITE, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = await labeledExtract(HPKE_SUITE, EMPTY, 'info_hash', info);
  const context = concat(new Uint8Array([MODE_BASE]), pskIdHash, infoHash);
  const secret = await labeledExtract(HPKE_SUITE, sharedSecret, 'secret', EMPTY);
  return {
    key: await labeledExpand(HPKE_SUITE, secret, 'key', context, NK),
    baseNonce: await labeledExpand(HPKE_SUITE, secret, 'base_nonce', context, NN),
    exporterSecret: await labeledExpand(HPKE_SUITE, secret, 'exp', context, NH),
  };
}

/**
 * An HPKE encryption context (RFC 9180 §5.2). Holds the AEAD key as a non-extractable CryptoKey.
 */
export class HpkeContext {
  #key;
  #baseNonce;
  #exporterSecret;
  #seq = 0;

  /** @param {CryptoKey} key @param {Uint8Array} baseNonce @param {Uint8Array} exporterSecret */
  constructor(key, baseNonce, exporterSecret) {
    this.#key = key;
    this.#baseNonce = baseNonce;
    this.#exporterSecret = exporterSecret;
  }

  /** @param {{key: Uint8Array, baseNonce: Uint8Array, exporterSecret: Uint8Array}} ks */
  static async fromSchedule(ks) {
    const key = await subtle().importKey('raw', ks.key, 'AES-GCM', false, ['encrypt', 'decrypt']);
    ks.key.fill(0);
    return new HpkeContext(key, ks.baseNonce, ks.exporterSecret);
  }

  #nonce() {
    if (!this.#key) throw new CryptoError('destroyed', 'HPKE context destroyed');
    if (this.#seq >= Number.MAX_SAFE_INTEGER) throw new CryptoError('bad_sequence', 'HPKE sequence exhausted');
    const nonce = this.#baseNonce.slice();
    const seq = new Uint8Array(8);
    new DataView(seq.buffer).setBigUint64(0, BigInt(this.#seq));
    for (let i = 0; i < 8; i++) nonce[NN - 8 + i] ^= seq[i];
    return nonce;
  }

  /**
   * @param {Uint8Array} aad
   * @param {Uint8Array} pt
   * @returns {Promise<Uint8Array>} ciphertext with tag
   */
  async seal(aad, pt) {
    const iv = this.#nonce();
    const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, this.#key, pt);
    this.#seq++;
    return new Uint8Array(ct);
  }

  /**
   * @param {Uint8Array} aad
   * @param {Uint8Array} ct
   * @returns {Promise<Uint8Array>} plaintext
   * @throws {CryptoError} `bad_tag`
   */
  async open(aad, ct) {
    const iv = this.#nonce();
    let pt;
    try {
      pt = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, this.#key, ct);
    } catch (e) {
      throw new CryptoError('bad_tag', 'HPKE open failed', { cause: e });
    }
    this.#seq++;
    return new Uint8Array(pt);
  }

  /**
   * Secret export (RFC 9180 §5.3).
   * @param {Uint8Array} exporterContext
   * @param {number} length
   * @returns {Promise<Uint8Array>}
   */
  async export(exporterContext, length) {
    if (!this.#exporterSecret) throw new CryptoError('destroyed', 'HPKE context destroyed');
    return labeledExpand(HPKE_SUITE, this.#exporterSecret, 'sec', exporterContext, length);
  }

  /** Overwrites the exporter secret and drops the AEAD key. */
  destroy() {
    this.#exporterSecret?.fill(0);
    this.#exporterSecret = null;
    this.#key = null;
  }
}

/**
 * SetupBaseS (RFC 9180 §5.1.1).
 * @param {Uint8Array} pkR recipient public key, 32 bytes
 * @param {Uint8Array} info
 * @param {{ikmE?: Uint8Array}} [options] `ikmE` fixes the ephemeral key: test vectors only
 * @returns {Promise<{enc: Uint8Array, context: HpkeContext}>}
 * @throws {CryptoError} `bad_key` for a malformed or low-order pkR
 */
export async function setupBaseS(pkR, info, options = {}) {
  const { sharedSecret, enc } = await encap(pkR, options.ikmE);
  const ks = await keySchedule(sharedSecret, info);
  sharedSecret.fill(0);
  return { enc, context: await HpkeContext.fromSchedule(ks) };
}

/**
 * SetupBaseR (RFC 9180 §5.1.1).
 * @param {Uint8Array} enc 32 bytes
 * @param {CryptoKey|Uint8Array} skR X25519 private key (may be non-extractable) or its raw 32 bytes
 * @param {Uint8Array} info
 * @returns {Promise<HpkeContext>}
 * @throws {CryptoError} `bad_key` for a malformed or low-order enc
 */
export async function setupBaseR(enc, skR, info) {
  const key = skR instanceof Uint8Array ? await x25519.importPrivateKey(skR) : skR;
  const sharedSecret = await decap(enc, key);
  const ks = await keySchedule(sharedSecret, info);
  sharedSecret.fill(0);
  return HpkeContext.fromSchedule(ks);
}
