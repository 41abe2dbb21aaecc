/**
 * ChatCipher: the live chat's message keys and sequence state on one side.
 *
 * Made by chat.js after the handshake from the HPKE exports kVC / kCV / safety
 * (docs/crypto.md "Live chat handshake" step 4). Keys are non-extractable AES-GCM CryptoKeys
 * held in private fields and exist only in memory; destroy() drops them when the chat ends.
 * The transport keeps sealed frames for resending; nothing is ever re-sealed.
 */
import { CryptoError } from './errors.js';
import { fromB64u, toB64u, utf8 } from './b64.js';
import { readU32 } from './lp.js';
import {
  COUNSELLOR_TO_VISITOR, VISITOR_TO_COUNSELLOR, decodeInner, encodeInner, openFrame, pad, sealFrame,
} from './frame.js';

export const LABEL_VC = 'lytt/chat/v1 visitor->counsellor';
export const LABEL_CV = 'lytt/chat/v1 counsellor->visitor';
export const LABEL_SAFETY = 'lytt/chat/v1 safety code';

/**
 * Six decimal digits from the 4-byte safety export: u32 mod 1000000, zero-padded, "123 456".
 * @param {Uint8Array} safety 4 bytes
 * @returns {string}
 */
export function formatSafetyCode(safety) {
  const digits = String(readU32(safety) % 1000000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

async function importAesKey(raw) {
  const key = await globalThis.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return key;
}

export class ChatCipher {
  #sendKey;
  #recvKey;
  #sendDir;
  #recvDir;
  #nextSend = 1;
  #nextRecv = 1;
  #sentEnd = false;
  #opening = Promise.resolve();

  /** @private use ChatCipher.fromContext */
  constructor(role, chatId, sendKey, recvKey, safetyCode) {
    /** @type {'visitor'|'counsellor'} */
    this.role = role;
    /** @type {string} */
    this.chatId = chatId;
    /** @type {string} "123 456", the same on both sides of an untampered handshake */
    this.safetyCode = safetyCode;
    this.#sendKey = sendKey;
    this.#recvKey = recvKey;
    this.#sendDir = role === 'visitor' ? VISITOR_TO_COUNSELLOR : COUNSELLOR_TO_VISITOR;
    this.#recvDir = role === 'visitor' ? COUNSELLOR_TO_VISITOR : VISITOR_TO_COUNSELLOR;
  }

  /**
   * Derives the chat keys from a completed HPKE context and destroys the context.
   * @param {import('./hpke.js').HpkeContext} context
   * @param {'visitor'|'counsellor'} role
   * @param {string} chatId
   * @returns {Promise<ChatCipher>}
   */
  static async fromContext(context, role, chatId) {
    if (role !== 'visitor' && role !== 'counsellor') throw new CryptoError('bad_argument', 'unknown role');
    try {
      const kVC = await importAesKey(await context.export(utf8(LABEL_VC), 32));
      const kCV = await importAesKey(await context.export(utf8(LABEL_CV), 32));
      const safety = formatSafetyCode(await context.export(utf8(LABEL_SAFETY), 4));
      return role === 'visitor'
        ? new ChatCipher(role, chatId, kVC, kCV, safety)
        : new ChatCipher(role, chatId, kCV, kVC, safety);
    } finally {
      context.destroy();
    }
  }

  /** The seq the next seal() will use. */
  get nextSendSeq() {
    return this.#nextSend;
  }

  /** The only seq open() accepts now; the highest received seq is this minus one (for `resume`). */
  get expectedSeq() {
    return this.#nextRecv;
  }

  /**
   * Seals one message with our direction's key and the next sequence number.
   * The number is taken before the first await, so concurrent calls get distinct numbers.
   * @param {{t: 'text', text: string} | {t: 'card', name: string, offers: string, contact: string, web: string}
   *   | {t: 'end'}} inner text of at most 4000 characters, or a referral card (card.js)
   * @returns {Promise<{seq: number, ct: string}>} ct is base64url
   * @throws {CryptoError} `too_long`, `bad_argument` (bad inner, or anything after `end`), `destroyed`
   */
  async seal(inner) {
    if (!this.#sendKey) throw new CryptoError('destroyed', 'chat keys dropped');
    if (this.#sentEnd) throw new CryptoError('bad_argument', '"end" was the last frame');
    const bytes = encodeInner(inner);
    pad(bytes); // throws too_long now, before a sequence number is spent
    const seq = this.#nextSend++;
    if (inner.t === 'end') this.#sentEnd = true;
    const ct = await sealFrame(this.#sendKey, this.chatId, this.#sendDir, seq, bytes);
    return { seq, ct: toB64u(ct) };
  }

  /**
   * Opens the peer's next frame. Accepts only seq == expectedSeq; state advances only on
   * success, so a refused frame can be retried after a resume. Calls are processed in call order.
   * @param {number} seq
   * @param {string} ct base64url
   * @returns {Promise<{t: 'text', text: string} | {t: 'card', name: string, offers: string, contact: string,
   *   web: string} | {t: 'end'}>}
   * @throws {CryptoError} `bad_sequence`, `bad_tag`, `bad_padding`, `bad_message`, `destroyed`
   */
  open(seq, ct) {
    const result = this.#opening.then(() => this.#openNow(seq, ct));
    this.#opening = result.catch(() => {});
    return result;
  }

  async #openNow(seq, ct) {
    if (!this.#recvKey) throw new CryptoError('destroyed', 'chat keys dropped');
    if (seq !== this.#nextRecv) throw new CryptoError('bad_sequence', `expected seq ${this.#nextRecv}`);
    let bytes;
    try {
      bytes = fromB64u(ct);
    } catch {
      throw new CryptoError('bad_padding', 'ciphertext is not base64url');
    }
    const inner = decodeInner(await openFrame(this.#recvKey, this.chatId, this.#recvDir, seq, bytes));
    this.#nextRecv = seq + 1;
    return inner;
  }

  /** Drops both keys; every later seal/open fails with `destroyed`. */
  destroy() {
    this.#sendKey = null;
    this.#recvKey = null;
  }
}
