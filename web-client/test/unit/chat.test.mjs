// The live chat end to end in one process: handshake, frames, and every refusal the spec names.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  b64, chat, device, ed, frame, makeOrg, certify, setupChat, connectedPair, rejectsWith,
  LOW_ORDER_POINTS, NOW, errors,
} from './helpers.mjs';

const { toB64u, fromB64u, fromHex } = b64;

test('handshake: both sides agree on the safety code and can talk both ways', async () => {
  const { visitor, counsellor, offered, cert } = await connectedPair();
  assert.equal(offered.displayName, cert.displayName);
  assert.match(offered.safetyCode, /^\d{3} \d{3}$/);
  assert.equal(offered.safetyCode, counsellor.safetyCode);
  assert.equal(visitor.safetyCode, counsellor.safetyCode);
  assert.equal(visitor.role, 'visitor');
  assert.equal(counsellor.role, 'counsellor');
  assert.match(offered.enc, /^[A-Za-z0-9_-]{43}$/);

  const m1 = await visitor.seal({ t: 'text', text: 'Hei' });
  assert.equal(m1.seq, 1);
  assert.equal(fromB64u(m1.ct).length, 256 + 16);
  assert.deepEqual(await counsellor.open(1, m1.ct), { t: 'text', text: 'Hei' });
  const r1 = await counsellor.seal({ t: 'text', text: 'Hei, du snakker med Kari.' });
  assert.equal(r1.seq, 1);
  assert.deepEqual(await visitor.open(1, r1.ct), { t: 'text', text: 'Hei, du snakker med Kari.' });
  const end = await visitor.seal({ t: 'end' });
  assert.equal(end.seq, 2);
  assert.deepEqual(await counsellor.open(2, end.ct), { t: 'end' });
  assert.equal(visitor.nextSendSeq, 3);
  assert.equal(counsellor.expectedSeq, 3);
});

test('two chats with the same device have different keys and safety codes', async () => {
  const org = await makeOrg();
  const dev = await device.createDeviceKeys();
  const a = await connectedPair({ org, dev });
  const b = await connectedPair({ org, dev });
  assert.notEqual(a.key.chatId, b.key.chatId);
  const m = await a.visitor.seal({ t: 'text', text: 'x' });
  await rejectsWith(assert, b.counsellor.open(1, m.ct), 'bad_tag'); // cross-chat
});

// --- property test ------------------------------------------------------------------------

const ALPHABETS = [
  [[0x20, 0x7e]], // ASCII
  [[0x20, 0x7e], [0xc0, 0x17f]], // Norwegian and other Latin
  [[0x00, 0x1f], [0x22, 0x22], [0x5c, 0x5c]], // control characters, quote, backslash: JSON escapes
  [[0x400, 0x4ff], [0x600, 0x6ff]], // Cyrillic, Arabic: 2 bytes
  [[0x4e00, 0x9fff]], // CJK: 3 bytes
  [[0x1f300, 0x1faff], [0x10000, 0x10ffff]], // astral: surrogate pairs
  [[0xd800, 0xdfff]], // lone surrogates (JSON.stringify escapes them, so they survive)
  [[0x00, 0x10ffff]], // anything
];

function randomText(rand, length) {
  const ranges = ALPHABETS[Math.floor(rand() * ALPHABETS.length)];
  let s = '';
  while (s.length < length) {
    const [lo, hi] = ranges[Math.floor(rand() * ranges.length)];
    const ch = String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)));
    if (s.length + ch.length <= length) s += ch;
    else s += 'a';
  }
  return s;
}

function randomLength(rand) {
  const r = rand();
  if (r < 0.1) return 0;
  if (r < 0.2) return 4000;
  if (r < 0.5) return Math.floor(rand() * 100);
  return Math.floor(rand() * 4001);
}

test('property: random messages of 0..4000 characters round-trip in both directions', async () => {
  const seed = Number(process.env.LYTT_SEED ?? Math.floor(Math.random() * 2 ** 32));
  const rand = (await import('./helpers.mjs')).prng(seed);
  const { visitor, counsellor } = await connectedPair();
  const tally = { sent: 0, tooLong: 0 };
  for (let i = 0; i < 400; i++) {
    const [from, to] = rand() < 0.5 ? [visitor, counsellor] : [counsellor, visitor];
    const text = randomText(rand, randomLength(rand));
    const innerBytes = b64.utf8(JSON.stringify({ t: 'text', text })).length;
    const fits = Math.ceil((4 + innerBytes) / 256) * 256 <= 8192;
    const before = from.nextSendSeq;
    if (!fits) {
      // The spec allows 4000 characters but at most 8192 padded bytes: the larger scripts hit the byte cap first.
      await rejectsWith(assert, from.seal({ t: 'text', text }), 'too_long');
      assert.equal(from.nextSendSeq, before, `seed ${seed}: a refused message must not spend a seq`);
      tally.tooLong++;
      continue;
    }
    const sealed = await from.seal({ t: 'text', text });
    assert.equal(sealed.seq, before, `seed ${seed}`);
    const ct = fromB64u(sealed.ct);
    assert.equal((ct.length - 16) % 256, 0, `seed ${seed}: padded to 256`);
    assert.ok(ct.length - 16 <= 8192, `seed ${seed}`);
    const opened = await to.open(sealed.seq, sealed.ct);
    assert.deepEqual(opened, { t: 'text', text }, `seed ${seed}, message ${i}`);
    tally.sent++;
  }
  assert.ok(tally.sent > 100, `seed ${seed}: too few messages fit (${JSON.stringify(tally)})`);
});

test('text over 4000 characters, and anything but text/end, is refused when sealing', async () => {
  const { visitor } = await connectedPair();
  await rejectsWith(assert, visitor.seal({ t: 'text', text: 'a'.repeat(4001) }), 'too_long');
  await rejectsWith(assert, visitor.seal({ t: 'text', text: '😀'.repeat(2001) }), 'too_long'); // 4002 UTF-16 units
  await rejectsWith(assert, visitor.seal({ t: 'text', text: '語'.repeat(2800) }), 'too_long'); // 8400 bytes > 8188
  assert.equal((await visitor.seal({ t: 'text', text: 'ø'.repeat(4000) })).seq, 1); // 8022 bytes: fits
  await rejectsWith(assert, visitor.seal({ t: 'typing' }), 'bad_argument');
  await rejectsWith(assert, visitor.seal({ t: 'text' }), 'bad_argument');
  await rejectsWith(assert, visitor.seal(null), 'bad_argument');
  assert.equal(visitor.nextSendSeq, 2);
  const ok = await visitor.seal({ t: 'text', text: 'a'.repeat(4000) });
  assert.equal(ok.seq, 2);
  assert.equal(fromB64u(ok.ct).length, 4096 + 16);
});

test('"end" is the last frame a side can seal', async () => {
  const { counsellor, visitor } = await connectedPair();
  const end = await counsellor.seal({ t: 'end' });
  await rejectsWith(assert, counsellor.seal({ t: 'text', text: 'more' }), 'bad_argument');
  assert.deepEqual(await visitor.open(end.seq, end.ct), { t: 'end' });
});

// --- refused frames -------------------------------------------------------------------------

test('replayed, reordered and skipped frames are bad_sequence and leave the state unchanged', async () => {
  const { visitor, counsellor } = await connectedPair();
  const m1 = await visitor.seal({ t: 'text', text: 'one' });
  const m2 = await visitor.seal({ t: 'text', text: 'two' });
  const m3 = await visitor.seal({ t: 'text', text: 'three' });
  await rejectsWith(assert, counsellor.open(2, m2.ct), 'bad_sequence'); // reorder
  await rejectsWith(assert, counsellor.open(3, m3.ct), 'bad_sequence'); // skip
  await rejectsWith(assert, counsellor.open(0, m1.ct), 'bad_sequence');
  await rejectsWith(assert, counsellor.open('1', m1.ct), 'bad_sequence');
  await rejectsWith(assert, counsellor.open(2, m1.ct), 'bad_sequence'); // right frame, wrong seq
  assert.equal(counsellor.expectedSeq, 1);
  assert.deepEqual(await counsellor.open(1, m1.ct), { t: 'text', text: 'one' });
  await rejectsWith(assert, counsellor.open(1, m1.ct), 'bad_sequence'); // replay
  // A frame presented under the next seq number but sealed for another fails authentication.
  await rejectsWith(assert, counsellor.open(2, m3.ct), 'bad_tag');
  assert.deepEqual(await counsellor.open(2, m2.ct), { t: 'text', text: 'two' });
  assert.deepEqual(await counsellor.open(3, m3.ct), { t: 'text', text: 'three' });
});

test('concurrent open() calls are handled in call order', async () => {
  const { visitor, counsellor } = await connectedPair();
  const frames = [];
  for (let i = 0; i < 5; i++) frames.push(await visitor.seal({ t: 'text', text: `m${i}` }));
  const opened = await Promise.all(frames.map((f) => counsellor.open(f.seq, f.ct)));
  assert.deepEqual(opened.map((o) => o.text), ['m0', 'm1', 'm2', 'm3', 'm4']);
  const sealed = await Promise.all([1, 2, 3].map((n) => visitor.seal({ t: 'text', text: `c${n}` })));
  assert.deepEqual(sealed.map((s) => s.seq), [6, 7, 8]);
});

test('every single bit flip, and any truncation or extension, fails authentication', async () => {
  const { visitor, counsellor } = await connectedPair();
  const m = await visitor.seal({ t: 'text', text: 'the one and only' });
  const ct = fromB64u(m.ct);
  for (let bit = 0; bit < ct.length * 8; bit += 7) {
    const bad = ct.slice();
    bad[bit >> 3] ^= 1 << (bit & 7);
    await rejectsWith(assert, counsellor.open(1, toB64u(bad)), 'bad_tag');
  }
  for (const bad of [ct.subarray(0, ct.length - 1), ct.subarray(0, 256), ct.subarray(16), ct.subarray(0, 15), new Uint8Array(0),
    b64.concat(ct, new Uint8Array(1)), b64.concat(ct, new Uint8Array(256))]) {
    await rejectsWith(assert, counsellor.open(1, toB64u(bad)), 'bad_tag');
  }
  await rejectsWith(assert, counsellor.open(1, toB64u(new Uint8Array(8192 + 17))), 'bad_padding'); // oversized
  await rejectsWith(assert, counsellor.open(1, m.ct + '*'), 'bad_padding'); // not base64url
  assert.deepEqual(await counsellor.open(1, m.ct), { t: 'text', text: 'the one and only' });
});

test('a frame is bound to its chatId, direction and seq (AAD and nonce)', async () => {
  const key = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const chatId = toB64u(new Uint8Array(16).fill(1));
  const otherChat = toB64u(new Uint8Array(16).fill(2));
  const inner = b64.utf8('{"t":"end"}');
  const ct = await frame.sealFrame(key, chatId, 1, 5, inner);
  assert.deepEqual(await frame.openFrame(key, chatId, 1, 5, ct), inner);
  await rejectsWith(assert, frame.openFrame(key, otherChat, 1, 5, ct), 'bad_tag');
  await rejectsWith(assert, frame.openFrame(key, chatId, 2, 5, ct), 'bad_tag');
  await rejectsWith(assert, frame.openFrame(key, chatId, 1, 6, ct), 'bad_tag');
  // A frame reflected back to its sender (same chat, other direction's key) fails too.
  const { visitor } = await connectedPair();
  const own = await visitor.seal({ t: 'text', text: 'echo' });
  await rejectsWith(assert, visitor.open(1, own.ct), 'bad_tag');
});

test('frame nonce and AAD bytes are as documented', () => {
  assert.deepEqual(frame.frameNonce(2, 258), new Uint8Array([0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 2]));
  const chatId = 'Zm9vYmFyYmF6cXV4cXV1eA';
  assert.deepEqual(frame.frameAad(chatId, 1, 3), b64.concat(
    new Uint8Array([0, 11]), b64.utf8('lytt/msg/v1'), new Uint8Array([0, 22]), b64.utf8(chatId),
    new Uint8Array([0, 4, 0, 0, 0, 1]), new Uint8Array([0, 8, 0, 0, 0, 0, 0, 0, 0, 3]),
  ));
});

test('padding: length prefix, zero padding to the next multiple of 256, nothing else', async () => {
  assert.equal(frame.pad(new Uint8Array(0)).length, 256);
  assert.equal(frame.pad(new Uint8Array(252)).length, 256);
  assert.equal(frame.pad(new Uint8Array(253)).length, 512);
  assert.equal(frame.pad(new Uint8Array(8188)).length, 8192);
  assert.throws(() => frame.pad(new Uint8Array(8189)), (e) => e.reason === 'too_long');
  const padded = frame.pad(b64.utf8('abc'));
  assert.deepEqual(padded.subarray(0, 7), new Uint8Array([0, 0, 0, 3, 0x61, 0x62, 0x63]));
  assert.ok(padded.subarray(7).every((x) => x === 0));
  assert.deepEqual(frame.unpad(padded), b64.utf8('abc'));

  const key = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const chatId = toB64u(new Uint8Array(16));
  const sealRaw = async (plaintext) => new Uint8Array(await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: frame.frameNonce(1, 1), additionalData: frame.frameAad(chatId, 1, 1) }, key, plaintext));
  const nonZero = padded.slice();
  nonZero[255] = 1;
  const prefixTooBig = padded.slice();
  prefixTooBig.set([0, 0, 1, 0], 0); // 256 > 252
  const overPadded = new Uint8Array(512);
  overPadded.set(padded.subarray(0, 7));
  const notMultiple = padded.subarray(0, 200);
  const empty = new Uint8Array(0);
  for (const bad of [nonZero, prefixTooBig, overPadded, notMultiple, empty]) {
    await rejectsWith(assert, frame.openFrame(key, chatId, 1, 1, await sealRaw(bad)), 'bad_padding');
  }
  const exact = new Uint8Array(256);
  exact.set([0, 0, 0, 252]);
  assert.equal((await frame.openFrame(key, chatId, 1, 1, await sealRaw(exact))).length, 252);
});

test('authentic frames with a bad inner message are bad_message', () => {
  for (const bad of ['', 'nope', '[]', '{"t":"typing"}', '{"t":"text"}', '{"t":"text","text":5}', 'null']) {
    assert.throws(() => frame.decodeInner(b64.utf8(bad)), (e) => e.reason === 'bad_message', bad);
  }
  assert.throws(() => frame.decodeInner(new Uint8Array([0x7b, 0xff, 0x7d])), (e) => e.reason === 'bad_message');
  assert.deepEqual(frame.decodeInner(b64.utf8('{"text":"hi","t":"text","extra":1}')), { t: 'text', text: 'hi' });
  assert.deepEqual(frame.decodeInner(b64.utf8('{"t":"end"}')), { t: 'end' });
});

test('destroy() drops the keys', async () => {
  const { visitor, counsellor } = await connectedPair();
  const m = await visitor.seal({ t: 'text', text: 'bye' });
  visitor.destroy();
  counsellor.destroy();
  await rejectsWith(assert, visitor.seal({ t: 'text', text: 'x' }), 'destroyed');
  await rejectsWith(assert, counsellor.open(1, m.ct), 'destroyed');
});

// --- refused offers -------------------------------------------------------------------------

async function refused(offer, orgPub, reason, now = NOW) {
  await rejectsWith(assert, chat.openOffer(offer, orgPub, now), reason);
}

test('offers without a valid certificate are refused: uncertified, expired, not yet valid, malformed', async () => {
  const s = await setupChat();
  const stranger = await makeOrg();
  await refused(s.offer, stranger.pub, 'bad_certificate');
  const selfSigned = await certify(stranger, s.dev);
  await refused({ ...s.offer, certificate: selfSigned }, s.org.pub, 'bad_certificate');
  await refused(s.offer, s.org.pub, 'expired_certificate', s.cert.notAfter);
  await refused(s.offer, s.org.pub, 'expired_certificate', s.cert.notBefore - 1);
  await refused({ ...s.offer, certificate: { ...s.cert, displayName: 'Someone else' } }, s.org.pub, 'bad_certificate');
  await refused({ ...s.offer, certificate: undefined }, s.org.pub, 'bad_certificate');
  await refused(null, s.org.pub, 'bad_certificate');
  // The certificate of another certified device cannot vouch for this device's chat key.
  const other = await device.createDeviceKeys();
  await refused({ ...s.offer, certificate: await certify(s.org, other) }, s.org.pub, 'bad_signature');
});

test('offers whose chat key signature does not verify are bad_signature', async () => {
  const s = await setupChat();
  const chatPub = fromB64u(s.offer.chatPub);
  const sig = fromB64u(s.offer.chatKeySig);
  // Signed for another deviceId (the wrong-deviceId case of docs/crypto.md step 2).
  const other = await device.createDeviceKeys();
  const wrongId = await ed.sign(s.dev.identityKey.privateKey, chat.chatKeyBytes(s.offer.chatId, chatPub, other.deviceId));
  await refused({ ...s.offer, chatKeySig: toB64u(wrongId) }, s.org.pub, 'bad_signature');
  // Signed by another device's identity key.
  const wrongKey = await ed.sign(other.identityKey.privateKey, chat.chatKeyBytes(s.offer.chatId, chatPub, s.dev.deviceId));
  await refused({ ...s.offer, chatKeySig: toB64u(wrongKey) }, s.org.pub, 'bad_signature');
  // The same key and signature replayed into another chat.
  await refused({ ...s.offer, chatId: toB64u(new Uint8Array(16).fill(9)) }, s.org.pub, 'bad_signature');
  // A different key under the original signature (a server swapping in its own key).
  const swapped = await setupChat({ org: s.org, dev: s.dev });
  await refused({ ...s.offer, chatPub: swapped.offer.chatPub }, s.org.pub, 'bad_signature');
  const flipped = sig.slice();
  flipped[0] ^= 1;
  await refused({ ...s.offer, chatKeySig: toB64u(flipped) }, s.org.pub, 'bad_signature');
  for (const bad of ['', 'x', toB64u(sig.subarray(1)), s.offer.chatKeySig + 'A', undefined]) {
    await refused({ ...s.offer, chatKeySig: bad }, s.org.pub, 'bad_signature');
  }
  for (const bad of ['short', s.offer.chatId + 'A', 'AAAAAAAAAAAAAAAAAAAAAB', undefined, 12]) {
    await refused({ ...s.offer, chatId: bad }, s.org.pub, 'bad_signature');
  }
});

test('low-order or malformed chat keys are bad_key even when properly signed', async () => {
  const s = await setupChat();
  const signed = async (chatPub) => ({
    ...s.offer,
    chatPub: toB64u(chatPub),
    chatKeySig: toB64u(await ed.sign(s.dev.identityKey.privateKey, chat.chatKeyBytes(s.offer.chatId, chatPub, s.dev.deviceId))),
  });
  for (const hex of LOW_ORDER_POINTS) await refused(await signed(fromHex(hex)), s.org.pub, 'bad_key');
  for (const bytes of [new Uint8Array(31), new Uint8Array(33), new Uint8Array(0)]) {
    await refused(await signed(bytes), s.org.pub, 'bad_key');
  }
  await refused({ ...s.offer, chatPub: 'not base64url!' }, s.org.pub, 'bad_key');
});

test('the counsellor refuses a low-order or malformed enc, and accepts only once', async () => {
  const s = await setupChat();
  for (const hex of LOW_ORDER_POINTS) await rejectsWith(assert, s.key.accept(toB64u(fromHex(hex))), 'bad_key');
  await rejectsWith(assert, s.key.accept('AAAA'), 'bad_key');
  await rejectsWith(assert, s.key.accept('*'), 'bad_key');
  const v = await chat.openOffer(s.offer, s.org.pub, NOW);
  const [first, twice] = await Promise.allSettled([s.key.accept(v.enc), s.key.accept(v.enc)]);
  assert.equal(twice.status, 'rejected'); // no two ciphers from one chat key, even concurrently
  assert.equal(twice.reason.reason, 'bad_argument');
  const c = first.value;
  assert.equal(c.safetyCode, v.safetyCode);
  await rejectsWith(assert, s.key.accept(v.enc), 'destroyed');
  const s2 = await setupChat();
  s2.key.discard();
  await rejectsWith(assert, s2.key.accept(v.enc), 'destroyed');
});

test('createChatKey signs chatKeyBytes with the device identity key', async () => {
  const s = await setupChat();
  assert.match(s.key.chatId, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(fromB64u(s.key.chatPub).length, 32);
  const bytes = chat.chatKeyBytes(s.key.chatId, fromB64u(s.key.chatPub), s.dev.deviceId);
  assert.deepEqual(bytes.subarray(0, 14), b64.concat(new Uint8Array([0, 12]), b64.utf8('lytt/chat/v1')));
  assert.ok(await ed.verify(s.dev.idPub, fromB64u(s.key.chatKeySig), bytes));
  assert.deepEqual(chat.chatInfo('Zm9vYmFyYmF6cXV4cXV1eA'), b64.utf8('lytt/chat/v1Zm9vYmFyYmF6cXV4cXV1eA'));
  assert.ok(errors.CryptoError);
});
