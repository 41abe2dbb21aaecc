/**
 * Integer and length-prefix encodings of docs/crypto.md "Encodings":
 * u16/u32/u64 are unsigned big-endian; lp(x) = u16(len(x)) || x, strings as UTF-8.
 * Every signed or authenticated byte string is a concatenation of lp() fields, so two different
 * field lists can never produce the same bytes.
 */
import { CryptoError } from './errors.js';
import { concat, utf8 } from './b64.js';

function checkInt(n, max, what) {
  if (!Number.isSafeInteger(n) || n < 0 || n > max) {
    throw new CryptoError('bad_argument', `${what} out of range`);
  }
}

/** @param {number} n 0..65535 @returns {Uint8Array} 2 bytes */
export function u16(n) {
  checkInt(n, 0xffff, 'u16');
  return new Uint8Array([n >>> 8, n & 0xff]);
}

/** @param {number} n 0..2^32-1 @returns {Uint8Array} 4 bytes */
export function u32(n) {
  checkInt(n, 0xffffffff, 'u32');
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/**
 * @param {number|bigint} n 0..2^53-1 as a number (JavaScript's exact integers), or any u64 as a bigint
 * @returns {Uint8Array} 8 bytes
 */
export function u64(n) {
  const big = typeof n === 'bigint' ? n : (checkInt(n, Number.MAX_SAFE_INTEGER, 'u64'), BigInt(n));
  if (big < 0n || big > 0xffffffffffffffffn) throw new CryptoError('bad_argument', 'u64 out of range');
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, big);
  return out;
}

/**
 * Reads a big-endian u32.
 * @param {Uint8Array} bytes
 * @param {number} [offset]
 * @returns {number}
 */
export function readU32(bytes, offset = 0) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

/**
 * Length-prefixed field: u16(len) || bytes. A string is encoded as UTF-8 first.
 * @param {Uint8Array|string} x
 * @returns {Uint8Array}
 */
export function lp(x) {
  const bytes = typeof x === 'string' ? utf8(x) : x;
  if (!(bytes instanceof Uint8Array)) throw new CryptoError('bad_argument', 'lp needs bytes or a string');
  return concat(u16(bytes.length), bytes);
}

/**
 * Concatenation of lp() of every field.
 * @param {...(Uint8Array|string)} fields
 * @returns {Uint8Array}
 */
export function lpAll(...fields) {
  return concat(...fields.map(lp));
}
