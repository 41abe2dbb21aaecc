/**
 * Byte helpers: base64url (RFC 4648 §5, no padding), hex, UTF-8, concatenation.
 * Pure functions on Uint8Array; no DOM, no Node Buffer, so they run the same in browsers and Node.
 */
import { CryptoError } from './errors.js';

const B64U_RE = /^[A-Za-z0-9_-]*$/;
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Encodes bytes as base64url without padding.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toB64u(bytes) {
  let bin = '';
  // Chunked so a large input does not overflow the argument limit of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64url without padding, strictly: no padding, no whitespace, no standard-alphabet
 * characters, and no non-zero trailing bits. Strictness keeps one value to one spelling, so
 * a signed or compared value cannot be re-encoded by a relay into a different string.
 * @param {string} text
 * @returns {Uint8Array}
 * @throws {CryptoError} `bad_encoding`
 */
export function fromB64u(text) {
  if (typeof text !== 'string' || !B64U_RE.test(text) || text.length % 4 === 1) {
    throw new CryptoError('bad_encoding', 'not base64url without padding');
  }
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  if (toB64u(out) !== text) throw new CryptoError('bad_encoding', 'non-canonical base64url');
  return out;
}

/**
 * @param {Uint8Array} bytes
 * @returns {string} lowercase hex
 */
export function toHex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * @param {string} text hex digits, even length, either case
 * @returns {Uint8Array}
 * @throws {CryptoError} `bad_encoding`
 */
export function fromHex(text) {
  if (typeof text !== 'string' || !HEX_RE.test(text)) throw new CryptoError('bad_encoding', 'not hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(i * 2, 2), 16);
  return out;
}

/**
 * Concatenates byte arrays into a new array.
 * @param {...Uint8Array} parts
 * @returns {Uint8Array}
 */
export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * UTF-8 encodes a string. (A lone surrogate becomes U+FFFD, as in every TextEncoder.)
 * @param {string} text
 * @returns {Uint8Array}
 */
export function utf8(text) {
  return encoder.encode(text);
}

/**
 * Decodes UTF-8 strictly: invalid sequences throw instead of turning into U+FFFD.
 * @param {Uint8Array} bytes
 * @returns {string}
 * @throws {CryptoError} `bad_encoding`
 */
export function fromUtf8(bytes) {
  try {
    return strictDecoder.decode(bytes);
  } catch (e) {
    throw new CryptoError('bad_encoding', 'invalid UTF-8', { cause: e });
  }
}

/**
 * Byte equality. Not constant-time: use it on public values only (keys, ids, test data).
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {boolean}
 */
export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Cryptographically random bytes.
 * @param {number} n
 * @returns {Uint8Array}
 */
export function randomBytes(n) {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}
