/**
 * The live chat handshake (docs/crypto.md "Live chat handshake").
 *
 * Counsellor: createChatKey() makes a fresh X25519 key for one chat and signs
 *   chatKeyBytes = lp("lytt/chat/v1") || lp(chatId) || lp(chatPub) || lp(deviceId)
 * with the device identity key; accept(enc) completes HPKE SetupBaseR when the visitor answers.
 * Visitor: openOffer() checks certificate → signature → key, runs SetupBaseS to chatPub with
 *   info = "lytt/chat/v1" || chatId   (plain UTF-8 concatenation, no length prefix)
 * and returns the `enc` to send. Both ends export the same kVC, kCV and safety code.
 */
import { CryptoError } from './errors.js';
import { fromB64u, randomBytes, toB64u, utf8 } from './b64.js';
import { lpAll } from './lp.js';
import { sign, verify } from './ed25519.js';
import { generateKeyPair } from './x25519.js';
import { setupBaseR, setupBaseS } from './hpke.js';
import { verifyCertificate } from './certificate.js';
import { ChatCipher } from './cipher.js';

const CHAT_ID_RE = /^[A-Za-z0-9_-]{22}$/;

/**
 * @param {string} chatId
 * @param {Uint8Array} chatPub
 * @param {string} deviceId
 * @returns {Uint8Array} the bytes the device identity key signs
 */
export function chatKeyBytes(chatId, chatPub, deviceId) {
  return lpAll('lytt/chat/v1', chatId, chatPub, deviceId);
}

/**
 * @param {string} chatId
 * @returns {Uint8Array} HPKE info
 */
export function chatInfo(chatId) {
  return utf8(`lytt/chat/v1${chatId}`);
}

function decodeOr(text, length, reason, what) {
  let bytes;
  try {
    bytes = fromB64u(text);
  } catch {
    throw new CryptoError(reason, `${what} is not base64url`);
  }
  if (length !== undefined && bytes.length !== length) throw new CryptoError(reason, `${what} is not ${length} bytes`);
  return bytes;
}

/**
 * Counsellor side, on "accept": a fresh chat key pair and its signature.
 * @param {{identityKey: CryptoKeyPair, deviceId: string}} deviceKeys this console's certified device
 * @returns {Promise<{chatId: string, chatPub: string, chatKeySig: string,
 *   accept: (enc: string) => Promise<ChatCipher>, discard: () => void}>}
 *   chatId/chatPub/chatKeySig go into the `accept` frame as they are. accept() takes the
 *   `enc` of the visitor's `handshake` frame, can succeed once, and then forgets the private key;
 *   discard() forgets it when the chat never starts.
 */
export async function createChatKey(deviceKeys) {
  const chatId = toB64u(randomBytes(16));
  let pair = await generateKeyPair();
  let busy = false;
  const sig = await sign(deviceKeys.identityKey.privateKey, chatKeyBytes(chatId, pair.pub, deviceKeys.deviceId));
  return {
    chatId,
    chatPub: toB64u(pair.pub),
    chatKeySig: toB64u(sig),
    async accept(enc) {
      if (!pair) throw new CryptoError('destroyed', 'chat key already used or discarded');
      if (busy) throw new CryptoError('bad_argument', 'a handshake with this chat key is in progress');
      busy = true;
      try {
        const context = await setupBaseR(decodeOr(enc, 32, 'bad_key', 'enc'), pair.privateKey, chatInfo(chatId));
        pair = null; // one handshake per chat key: a transfer is a new handshake
        return await ChatCipher.fromContext(context, 'counsellor', chatId);
      } finally {
        busy = false;
      }
    },
    discard() {
      pair = null;
    },
  };
}

/**
 * Visitor side: verifies an `offer` frame and answers it.
 * Checks, in order: the certificate under the pinned organisation key and its validity at
 * `nowSeconds`; the chat key signature under the certificate's identity key and deviceId;
 * the chat key itself (a low-order key aborts HPKE).
 * @param {{chatId: string, chatPub: string, chatKeySig: string,
 *   certificate: import('./certificate.js').Certificate}} offer the `offer` frame
 * @param {Uint8Array|string} orgPub pinned organisation key (raw, or base64url from the page's meta tag)
 * @param {number} nowSeconds Unix seconds
 * @returns {Promise<{enc: string, cipher: ChatCipher, displayName: string, safetyCode: string}>}
 *   `enc` (base64url) goes into the `handshake` frame
 * @throws {CryptoError} reason `bad_certificate` | `expired_certificate` | `bad_signature` |
 *   `bad_key`: send it as the `reject` frame's reason and send nothing else
 */
export async function openOffer(offer, orgPub, nowSeconds) {
  const cert = offer?.certificate;
  const verdict = await verifyCertificate(cert, orgPub, nowSeconds);
  if (!verdict.ok) throw new CryptoError(verdict.reason, 'counsellor certificate refused');

  // The signature is checked over whatever chatPub is; only a signed key is then judged as a key,
  // so the reason matches the JVM's (VisitorHandshake) for every malformed offer.
  const { chatId } = offer;
  if (typeof chatId !== 'string' || !CHAT_ID_RE.test(chatId)) throw new CryptoError('bad_signature', 'malformed chatId');
  decodeOr(chatId, 16, 'bad_signature', 'chatId');
  const sig = decodeOr(offer.chatKeySig, 64, 'bad_signature', 'chatKeySig');
  const chatPub = decodeOr(offer.chatPub, undefined, 'bad_key', 'chatPub');
  const idPub = fromB64u(cert.idPub); // well-formed: the certificate verified
  if (!(await verify(idPub, sig, chatKeyBytes(chatId, chatPub, cert.deviceId)))) {
    throw new CryptoError('bad_signature', 'chat key not signed by the certified device');
  }

  const { enc, context } = await setupBaseS(chatPub, chatInfo(chatId)); // bad_key for low-order chatPub
  const cipher = await ChatCipher.fromContext(context, 'visitor', chatId);
  return { enc: toB64u(enc), cipher, displayName: cert.displayName, safetyCode: cipher.safetyCode };
}
