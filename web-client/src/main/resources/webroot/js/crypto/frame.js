/**
 * Message frames (docs/crypto.md "Message frames"), as pure functions of key, chat, direction
 * and sequence number. ChatCipher (cipher.js) adds the sequence state on top.
 *
 *   nonce     = u32(direction) || u64(seq)
 *   aad       = lp("lytt/msg/v1") || lp(chatId) || lp(u32(direction)) || lp(u64(seq))
 *   plaintext = u32(len(inner)) || inner || zero bytes up to a multiple of 256 (at most 8192)
 *   ct        = AES-256-GCM(key, nonce, aad, plaintext), 16-byte tag appended
 *
 * Direction and seq make the nonce (never repeated under a key); chatId, direction and seq are in
 * the AAD, so a frame replayed into another chat, direction or position fails authentication even
 * if a sequence check were missed.
 */
import { CryptoError } from './errors.js';
import { concat, fromUtf8, utf8 } from './b64.js';
import { lpAll, readU32, u32, u64 } from './lp.js';
import { checkCard } from './card.js';

export const VISITOR_TO_COUNSELLOR = 1;
export const COUNSELLOR_TO_VISITOR = 2;
/** Longest message text, in UTF-16 code units (what String.length and a textarea's maxlength count). */
export const MAX_TEXT_CHARS = 4000;
/** Padding granularity: the server learns message sizes only in these steps. */
export const PAD_BLOCK = 256;
/** Largest padded plaintext; keeps every msg frame under the 16 KiB WebSocket frame limit. */
export const MAX_PADDED = 8192;
const TAG_BYTES = 16;

/** @param {number} direction @param {number} seq @returns {Uint8Array} 12 bytes */
export function frameNonce(direction, seq) {
  return concat(u32(direction), u64(seq));
}

/** @param {string} chatId @param {number} direction @param {number} seq @returns {Uint8Array} */
export function frameAad(chatId, direction, seq) {
  return lpAll('lytt/msg/v1', chatId, u32(direction), u64(seq));
}

/**
 * Prefixes the length and pads with zeros to a multiple of PAD_BLOCK.
 * @param {Uint8Array} inner
 * @returns {Uint8Array}
 * @throws {CryptoError} `too_long` if the result would exceed MAX_PADDED
 */
export function pad(inner) {
  const size = Math.ceil((4 + inner.length) / PAD_BLOCK) * PAD_BLOCK;
  if (size > MAX_PADDED) throw new CryptoError('too_long', 'message does not fit in one frame');
  const out = new Uint8Array(size);
  out.set(u32(inner.length), 0);
  out.set(inner, 4);
  return out;
}

/**
 * Inverse of pad(). Strict and canonical, so each inner message has exactly one padded form and a
 * sender bug cannot hide data in the padding: the size must be a multiple of 256 up to the cap,
 * the length prefix within the plaintext, the padding exactly up to the next multiple of 256,
 * and every padding byte zero.
 * @param {Uint8Array} padded
 * @returns {Uint8Array}
 * @throws {CryptoError} `bad_padding`
 */
export function unpad(padded) {
  if (padded.length < PAD_BLOCK || padded.length > MAX_PADDED || padded.length % PAD_BLOCK !== 0) {
    throw new CryptoError('bad_padding', 'impossible padded size');
  }
  const len = readU32(padded);
  if (len > padded.length - 4) throw new CryptoError('bad_padding', 'length prefix beyond plaintext');
  if (Math.ceil((4 + len) / PAD_BLOCK) * PAD_BLOCK !== padded.length) {
    throw new CryptoError('bad_padding', 'padded beyond the next multiple of 256');
  }
  for (let i = 4 + len; i < padded.length; i++) {
    if (padded[i] !== 0) throw new CryptoError('bad_padding', 'non-zero padding');
  }
  return padded.slice(4, 4 + len);
}

/**
 * Serialises an inner message: {"t":"text","text":"…"}, a referral card {"t":"card",…} or {"t":"end"}.
 * @param {{t: 'text', text: string} | {t: 'card', name: string, offers: string, contact: string, web: string} | {t: 'end'}} inner
 * @returns {Uint8Array} UTF-8 JSON
 * @throws {CryptoError} `too_long`, `bad_argument`
 */
export function encodeInner(inner) {
  if (inner?.t === 'end') return utf8('{"t":"end"}');
  if (inner?.t === 'card') return utf8(JSON.stringify(checkCard(inner, 'bad_argument')));
  if (inner?.t !== 'text' || typeof inner.text !== 'string') throw new CryptoError('bad_argument', 'inner must be text or end');
  if (inner.text.length > MAX_TEXT_CHARS) throw new CryptoError('too_long', `text longer than ${MAX_TEXT_CHARS} characters`);
  return utf8(JSON.stringify({ t: 'text', text: inner.text }));
}

/**
 * Parses an authentic inner message. Only the known shapes are returned, rebuilt, so no
 * unexpected property can reach the UI; a malformed card is refused like any unknown message.
 * @param {Uint8Array} bytes
 * @returns {{t: 'text', text: string} | {t: 'card', name: string, offers: string, contact: string, web: string} | {t: 'end'}}
 * @throws {CryptoError} `bad_message`
 */
export function decodeInner(bytes) {
  let value;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch (e) {
    throw new CryptoError('bad_message', 'inner is not UTF-8 JSON', { cause: e });
  }
  if (value?.t === 'end') return { t: 'end' };
  if (value?.t === 'text' && typeof value.text === 'string') return { t: 'text', text: value.text };
  if (value?.t === 'card') return checkCard(value, 'bad_message');
  throw new CryptoError('bad_message', 'unknown inner message');
}

/**
 * Seals padded inner bytes into one frame.
 * @param {CryptoKey} key AES-256-GCM key of this direction
 * @param {string} chatId
 * @param {number} direction 1 or 2
 * @param {number} seq 1, 2, …
 * @param {Uint8Array} inner UTF-8 JSON
 * @returns {Promise<Uint8Array>} ciphertext with tag
 */
export async function sealFrame(key, chatId, direction, seq, inner) {
  const plaintext = pad(inner);
  const ct = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: frameNonce(direction, seq), additionalData: frameAad(chatId, direction, seq), tagLength: 128 },
    key,
    plaintext,
  );
  return new Uint8Array(ct);
}

/**
 * Opens one frame and returns the inner bytes.
 * @param {CryptoKey} key
 * @param {string} chatId
 * @param {number} direction
 * @param {number} seq
 * @param {Uint8Array} ct
 * @returns {Promise<Uint8Array>}
 * @throws {CryptoError} `bad_tag` (authentication), `bad_padding` (too large, bad size, prefix or padding)
 */
export async function openFrame(key, chatId, direction, seq, ct) {
  // Oversized input is refused before any work; every other malformation fails the tag or unpad().
  // (The same order as the JVM's ChatCipher, so both report the same reason for the same frame.)
  if (ct.length > MAX_PADDED + TAG_BYTES) throw new CryptoError('bad_padding', 'frame too large');
  let plaintext;
  try {
    plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: frameNonce(direction, seq), additionalData: frameAad(chatId, direction, seq), tagLength: 128 },
      key,
      ct,
    );
  } catch (e) {
    throw new CryptoError('bad_tag', 'frame failed authentication', { cause: e });
  }
  return unpad(new Uint8Array(plaintext));
}
