// The referral card inner message: sealed and opened whole, and refused as bad_message when an
// authentic frame carries a malformed card, so nothing unexpected ever reaches the visitor's page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { b64, cipher, connectedPair, frame, rejectsWith } from './helpers.mjs';

const CARD = {
  t: 'card',
  name: 'Støttesenteret',
  offers: 'Samtaler for den som vil snakke',
  contact: '22 00 00 00',
  web: 'https://example.org/hjelp',
};

test('a referral card is sealed, padded like text and opened whole', async () => {
  const { visitor, counsellor } = await connectedPair();
  const sealed = await counsellor.seal(CARD);
  assert.equal(b64.fromB64u(sealed.ct).length, 256 + 16);
  assert.deepEqual(await visitor.open(1, sealed.ct), CARD);
  const noWeb = await counsellor.seal({ ...CARD, web: '', offers: '' });
  assert.deepEqual(await visitor.open(2, noWeb.ct), { ...CARD, web: '', offers: '' });
});

test('a card is checked before it is sealed, and no sequence number is spent on a bad one', async () => {
  const { counsellor } = await connectedPair();
  for (const bad of [{ ...CARD, web: 'http://example.org' }, { ...CARD, name: ' ' }, { ...CARD, contact: 7 }]) {
    await rejectsWith(assert, counsellor.seal(bad), 'bad_argument');
  }
  await rejectsWith(assert, counsellor.seal({ ...CARD, offers: 'x'.repeat(4000) }), 'bad_argument');
  assert.equal(counsellor.nextSendSeq, 1);
});

/** A visitor-side cipher whose counsellor→visitor key the test holds, to seal any inner bytes. */
async function visitorWithKnownKey(chatId) {
  // Each export is its label's length repeated: distinct per label, known to the test.
  const context = {
    export: async (label, length) => new Uint8Array(length).fill(label.length % 251),
    destroy() {},
  };
  const raw = await context.export(b64.utf8(cipher.LABEL_CV), 32);
  const key = await globalThis.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const visitor = await cipher.ChatCipher.fromContext(context, 'visitor', chatId);
  return { visitor, key };
}

test('an authentic frame with a malformed card is refused as bad_message', async () => {
  const chatId = 'AAAAAAAAAAAAAAAAAAAAAA';
  const malformed = [
    { t: 'card', offers: '', contact: '', web: '' },
    { ...CARD, name: '' },
    { ...CARD, web: 'javascript:alert(1)' },
    { ...CARD, web: 'http://example.org/' },
    { ...CARD, web: 'https://exa mple.org/' },
    { ...CARD, name: 'x'.repeat(121) },
    { ...CARD, offers: ['Samtaler'] },
    { ...CARD, contact: 'a\u0007b' },
  ];
  for (const inner of malformed) {
    const { visitor, key } = await visitorWithKnownKey(chatId);
    const ct = await frame.sealFrame(key, chatId, frame.COUNSELLOR_TO_VISITOR, 1, b64.utf8(JSON.stringify(inner)));
    await rejectsWith(assert, visitor.open(1, b64.toB64u(ct)), 'bad_message');
    assert.equal(visitor.expectedSeq, 1, 'a refused frame does not move the sequence');
  }
});

test('an opened card carries its four fields only', () => {
  const opened = frame.decodeInner(b64.utf8(JSON.stringify({ ...CARD, html: '<img src=x onerror=alert(1)>' })));
  assert.deepEqual(Object.keys(opened).sort(), ['contact', 'name', 'offers', 't', 'web']);
});
