/**
 * The referral card inner message (docs/crypto.md "Message frames"):
 *   {"t":"card","name":"…","offers":"…","contact":"…","web":"https://…" or ""}
 * The same rules as the server's referral directory (lists.EntryRules), checked when sealing and
 * again when opening, so a card that reaches the UI always has a name, bounded fields and a web
 * address that is https or empty — the page turns only such an address into a link.
 */
import { CryptoError } from './errors.js';

/** Longest field values in UTF-16 code units; name is required, the rest may be empty. */
export const CARD_LIMITS = Object.freeze({ name: 120, offers: 1000, contact: 200, web: 300 });
const FIELDS = Object.keys(CARD_LIMITS);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * @param {string} web
 * @returns {boolean} an absolute https URL with a host, without spaces, quotes or angle brackets
 */
export function isHttpsAddress(web) {
  if (typeof web !== 'string' || !web.startsWith('https://') || /[\s"<>\\]/.test(web)) return false;
  try {
    const url = new URL(web);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Checks a card and returns it rebuilt with its four fields only.
 * @param {unknown} value
 * @param {string} reason the CryptoError reason for a malformed card (`bad_argument` when sealing,
 *   `bad_message` when opening)
 * @returns {{t: 'card', name: string, offers: string, contact: string, web: string}}
 * @throws {CryptoError}
 */
export function checkCard(value, reason) {
  const card = { t: 'card' };
  for (const field of FIELDS) {
    const text = value?.[field];
    if (typeof text !== 'string') throw new CryptoError(reason, `card field ${field} is not text`);
    if (text.trim().length > CARD_LIMITS[field]) throw new CryptoError(reason, `card field ${field} is too long`);
    if (CONTROL.test(text)) throw new CryptoError(reason, `card field ${field} holds control characters`);
    card[field] = text.trim();
  }
  if (!card.name) throw new CryptoError(reason, 'a card needs a name');
  if (card.web && !isHttpsAddress(card.web)) throw new CryptoError(reason, 'a card web address must be https');
  return card;
}
