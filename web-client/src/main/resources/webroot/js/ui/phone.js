// Phone numbers for a callback, checked in the page (the server never sees one in the clear).
// Norwegian numbers need no country code; any other country's number starts with + or 00.

/**
 * @param {string} input as typed: spaces, dashes, dots and brackets are ignored
 * @returns {string|null} the number in international form (+4791234567), or null if it is not one
 */
export function normalisePhone(input) {
  let s = String(input ?? '').replace(/[\s\-.()]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (/^[2-9]\d{7}$/.test(s)) return `+47${s}`;
  if (/^\+47/.test(s)) return /^\+47[2-9]\d{7}$/.test(s) ? s : null;
  return /^\+[1-9]\d{7,14}$/.test(s) ? s : null;
}
