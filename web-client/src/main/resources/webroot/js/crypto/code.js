/**
 * The visitor's code for a callback or a ticket (docs/crypto.md "Visitor code"): 120 random bits
 * made here, in the page, written as 24 Crockford base32 characters in groups of four.
 *
 * The code never leaves the page. From it, HKDF-SHA256 derives the lookup value the page sends to
 * find its item (the server keeps only a hash of that), and the seed of the X25519 key pair a
 * counsellor's reply is sealed to (HPKE DeriveKeyPair), so a visitor who returns with the code
 * alone can read the reply and nothing is kept in the browser.
 */
import { CryptoError } from './errors.js';
import { randomBytes, toB64u, utf8 } from './b64.js';
import { deriveKeyPair, expand, extract } from './hpke.js';

export const CODE_BYTES = 15;
export const CODE_CHARS = 24;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** @returns {Uint8Array} a fresh code */
export function newCode() {
  return randomBytes(CODE_BYTES);
}

/** The code as shown: "7KQ2 M9XD …" (groups of four, for reading aloud and copying). */
export function codeText(bytes) {
  let out = '';
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      if (written > 0 && written % 4 === 0) out += ' ';
      out += ALPHABET[(buffer >>> bits) & 31];
      written++;
    }
  }
  return out;
}

/**
 * Reads a code as typed: case, spaces and dashes do not matter; O, I and L read as 0, 1, 1.
 * @throws {CryptoError} `bad_code`
 */
export function parseCode(text) {
  const clean = String(text).toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== CODE_CHARS) throw new CryptoError('bad_code', 'a code has 24 characters');
  const out = new Uint8Array(CODE_BYTES);
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const c of clean) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new CryptoError('bad_code', 'not a code character');
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

async function hkdf(bytes, label) {
  return expand(await extract(new Uint8Array(0), bytes), utf8(label), 32);
}

/** base64url of HKDF(code, "lytt/code/v1 lookup", 32): what the server sees, and hashes. */
export async function lookupOf(bytes) {
  return toB64u(await hkdf(bytes, 'lytt/code/v1 lookup'));
}

/** DeriveKeyPair(HKDF(code, "lytt/code/v1 reply", 32)): the reply key pair, {sk, pk} raw. */
export async function replyKeyPair(bytes) {
  const seed = await hkdf(bytes, 'lytt/code/v1 reply');
  try {
    return await deriveKeyPair(seed);
  } finally {
    seed.fill(0);
  }
}
