/**
 * Public API of Lytt's browser crypto. The transport and UI import from here only.
 * Nothing in crypto/ touches window or document; it runs unchanged under Node for tests.
 */
export { CryptoError } from './errors.js';
export { toB64u, fromB64u, toHex, fromHex, concat, utf8, fromUtf8 } from './b64.js';
export { cryptoSupported } from './support.js';
export { createDeviceKeys, deviceIdOf, fingerprintOf } from './device.js';
export { certificateBytes, verifyCertificate } from './certificate.js';
export { createChatKey, openOffer } from './chat.js';
export { ChatCipher } from './cipher.js';
export { MAX_TEXT_CHARS } from './frame.js';
export { CARD_LIMITS, isHttpsAddress } from './card.js';
export { generateIdentityKey, sign, verify } from './ed25519.js';
export { deriveKeyPair, setupBaseS, setupBaseR } from './hpke.js';
export { newCode, codeText, parseCode, lookupOf, replyKeyPair } from './code.js';
export { sealToTeam, openAsDevice, sealReply, openReply } from './sealed.js';
