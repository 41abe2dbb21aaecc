// Transport layer under Node: reconnect/backoff, delivery, acknowledgement and resume
// (docs/protocol.md), with the real crypto module sealing and opening every envelope and an
// in-memory relay (fake-relay.mjs) standing in for the server so drops and gaps can be injected.
// Run: node --test test/unit/transport.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';

import { FakeRelay } from './fake-relay.mjs';
import { backoffDelay, Connection, MOVE_CLOSE_CODE, SILENT_CLOSE_CODE, isQuietClose } from '../../src/main/resources/webroot/js/transport/connection.js';
import { VisitorTransport } from '../../src/main/resources/webroot/js/transport/visitor.js';
import { ConsoleTransport } from '../../src/main/resources/webroot/js/transport/console.js';
import {
  certificateBytes, createChatKey, createDeviceKeys, generateIdentityKey, openOffer, sign, toB64u,
} from '../../src/main/resources/webroot/js/crypto/index.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(predicate, what, ms = 3000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** An organisation key, a certified device, and both transports wired to one relay. */
async function setup({ tamperCertificate = false } = {}) {
  const relay = new FakeRelay();
  const org = await generateIdentityKey();
  const device = await createDeviceKeys();
  const now = Math.floor(Date.now() / 1000);
  const cert = { v: 1, deviceId: device.deviceId, idPub: toB64u(device.idPub), encPub: toB64u(device.encPub),
    notBefore: now - 60, notAfter: now + 3600, displayName: 'Kari' };
  cert.sig = toB64u(await sign(org.keyPair.privateKey, certificateBytes(cert)));
  if (tamperCertificate) cert.displayName = 'Mallory';
  relay.certificate = cert;

  const connectionOptions = { WebSocket: relay.WebSocket, random: () => 0 };
  const seen = { visitor: [], console: [], events: [] };
  const visitor = new VisitorTransport({
    url: 'ws://test/ws/visitor',
    connectionOptions,
    verifyOffer: async (offer) => {
      try {
        const r = await openOffer(offer, org.publicKey, Math.floor(Date.now() / 1000));
        return { enc: r.enc, cipher: r.cipher, info: { displayName: r.displayName, safetyCode: r.safetyCode } };
      } catch (e) {
        return { reject: e.reason };
      }
    },
  });
  const keys = new Map();
  const cons = new ConsoleTransport({
    url: 'ws://test/ws/console',
    deviceId: device.deviceId,
    connectionOptions,
    completeHandshake: (chatId, enc) => keys.get(chatId).accept(enc),
  });
  visitor.on('message', ({ inner }) => seen.visitor.push(inner.text));
  cons.on('message', ({ inner }) => seen.console.push(inner.text));
  for (const type of ['chat', 'ended', 'tampered', 'rejected', 'delivered', 'lost']) {
    visitor.on(type, (d) => seen.events.push(['visitor', type, d]));
    cons.on(type, (d) => seen.events.push(['console', type, d]));
  }
  const accept = async () => {
    const key = await createChatKey(device);
    keys.set(key.chatId, key);
    cons.accept(key);
    return key.chatId;
  };
  return { relay, visitor, cons, seen, accept, device, keys, stop: () => { visitor.connection.stop(); cons.stop(); } };
}

async function startChat(s) {
  s.cons.start();
  s.visitor.start();
  await until(() => s.cons.connection.isOpen && s.visitor.connection.isOpen && s.relay.counsellor, 'both connected');
  s.visitor.join('none', 'nb');
  await until(() => s.visitor.state === 'queued', 'queued');
  const chatId = await s.accept();
  await until(() => s.cons.chats.get(chatId)?.link, 'handshake done');
  return chatId;
}

test('backoff grows, is capped, and never drops below the floor', () => {
  assert.equal(backoffDelay(0, () => 0), 250);
  assert.equal(backoffDelay(0, () => 0.999), 499);
  assert.equal(backoffDelay(3, () => 0.999), 3996);
  assert.equal(backoffDelay(30, () => 0.999), 14985);
});

/** A started visitor Connection on a fake relay that counts its opens and records its closes. */
async function countingConnection(random) {
  const relay = new FakeRelay();
  const seen = { opens: 0, closes: [] };
  const c = new Connection({ url: 'ws://test/ws/visitor', WebSocket: relay.WebSocket, random,
    onFrame: () => {}, onOpen: () => { seen.opens++; }, onClose: (i) => seen.closes.push(i) });
  c.start();
  await until(() => seen.opens === 1, 'first open');
  return { relay, c, seen };
}

/** The server closes the connection's current socket with `code`. */
function serverCloses(c, code) {
  const sock = c.socket;
  sock.readyState = 3;
  sock.onclose({ code });
}

test('a dropped connection reconnects; a replaced one (4000) does not', async () => {
  const { relay, c, seen } = await countingConnection(() => 0);
  relay.drop('visitor');
  await until(() => seen.opens === 2, 'reopen after drop');
  assert.equal(seen.closes[0].final, false);
  serverCloses(c, 4000);
  await sleep(400);
  assert.equal(seen.opens, 2);
  assert.equal(seen.closes.at(-1).final, true);
  c.stop();
});

test('a socket closed as silent (4002) is reopened at once, without backoff', async () => {
  const { c, seen } = await countingConnection(() => 1);
  serverCloses(c, SILENT_CLOSE_CODE);
  await until(() => seen.opens === 2, 'reopened');
  assert.deepEqual(seen.closes, [{ code: SILENT_CLOSE_CODE, final: false, retryInMs: 0 }]);
  assert.equal(c.attempt, 0, 'not counted as a failed attempt');
  c.stop();
});

test('a draining node\'s close (4003) reopens within a second, without backoff, and is quiet', async () => {
  const { c, seen } = await countingConnection(() => 0.25);
  for (let i = 0; i < 3; i++) {
    serverCloses(c, MOVE_CLOSE_CODE);
    await until(() => seen.opens === i + 2, 'reopened');
  }
  assert.deepEqual(seen.closes.map((i) => i.retryInMs), [250, 250, 250], 'jitter only, never growing');
  assert.ok(seen.closes.every((i) => !i.final));
  assert.equal(c.attempt, 0, 'not counted as a failed attempt');
  assert.ok(isQuietClose(MOVE_CLOSE_CODE) && isQuietClose(SILENT_CLOSE_CODE) && !isQuietClose(1006));
  c.stop();
});

/** A socket opened before any Connection, as the visitor page's early module does, once the server has greeted it. */
async function earlySocket(relay) {
  const socket = new relay.WebSocket('ws://test/ws/visitor');
  const received = [];
  socket.onmessage = (event) => received.push(event);
  await until(() => received.length === 1, 'the welcome on the early socket');
  return { socket, received };
}

test('a socket the page opened early is used first: its open and welcome are replayed, no second socket is opened', async () => {
  const relay = new FakeRelay();
  const early = await earlySocket(relay);
  const seen = { opens: [], frames: [] };
  const c = new Connection({ url: 'ws://test/ws/visitor', WebSocket: relay.WebSocket, random: () => 0, early,
    onOpen: (reconnected) => seen.opens.push(reconnected), onFrame: (f) => seen.frames.push(f.type) });
  c.start();
  assert.deepEqual(seen.opens, [false]);
  assert.deepEqual(seen.frames, ['welcome']);
  assert.equal(relay.sockets.size, 1);
  assert.ok(c.send({ type: 'leave' }), 'the early socket carries what the page sends');
  relay.drop('visitor');
  await until(() => seen.opens.length === 2, 'reopen after a drop');
  assert.deepEqual(seen.opens, [false, true]);
  c.stop();
});

test('an early socket that closed before the page took it is replaced by a new one', async () => {
  const relay = new FakeRelay();
  const early = await earlySocket(relay);
  early.socket.close(1001);
  const seen = { frames: [] };
  const c = new Connection({ url: 'ws://test/ws/visitor', WebSocket: relay.WebSocket, random: () => 0, early,
    onFrame: (f) => seen.frames.push(f.type) });
  c.start();
  await until(() => seen.frames.length === 1, 'the new socket\'s welcome');
  assert.equal(relay.sockets.size, 1);
  assert.ok(c.socket !== early.socket);
  c.stop();
});

test('after a draining node closes both sockets, both sides resume: nothing lost, nothing shown twice', async () => {
  const s = await setup();
  const chatId = await startChat(s);
  await s.visitor.sendText('før flytting');
  await until(() => s.seen.console.length === 1, 'first message');
  s.relay.drop('visitor', MOVE_CLOSE_CODE);
  s.relay.drop('console', MOVE_CLOSE_CODE);
  await s.visitor.sendText('under flytting');
  await s.cons.sendText(chatId, 'svar etter flytting');
  await until(() => s.seen.console.length === 2 && s.seen.visitor.length === 1, 'both after the move');
  assert.deepEqual(s.seen.console, ['før flytting', 'under flytting']);
  assert.deepEqual(s.seen.visitor, ['svar etter flytting']);
  await until(() => s.visitor.link.outbox.length === 0, 'all delivered');
  s.stop();
});

test('messages flow both ways, are acknowledged, and the end marker makes a complete ending', async () => {
  const s = await setup();
  const chatId = await startChat(s);
  assert.equal(s.visitor.state, 'chatting');
  const chatEvent = s.seen.events.find(([who, type]) => who === 'visitor' && type === 'chat');
  assert.equal(chatEvent[2].displayName, 'Kari');
  await s.visitor.sendText('hei fra besøkende');
  await s.cons.sendText(chatId, 'hei fra rådgiver');
  await until(() => s.seen.console.length === 1 && s.seen.visitor.length === 1, 'both messages');
  await until(() => s.seen.events.filter(([, t]) => t === 'delivered').length === 2, 'both delivered');
  assert.equal(s.visitor.link.outbox.length, 0);
  assert.equal(s.cons.chats.get(chatId).link.outbox.length, 0);
  for (const [, , frame] of s.relay.log) {
    assert.ok(!JSON.stringify(frame).includes('hei fra'), 'plaintext never on the wire');
  }
  await s.cons.end(chatId);
  await until(() => s.visitor.state === 'ended', 'visitor sees end');
  const ended = s.seen.events.find(([who, type]) => who === 'visitor' && type === 'ended');
  assert.deepEqual(ended[2], { by: 'counsellor', complete: true });
  s.stop();
});

test('after a drop both sides resume: nothing lost, nothing shown twice', async () => {
  const s = await setup();
  const chatId = await startChat(s);
  await s.cons.sendText(chatId, 'one');
  await until(() => s.seen.visitor.length === 1, 'first message');

  // The visitor's network goes away: what the counsellor sends now is held by the relay, and
  // what the visitor writes meanwhile waits in its outbox.
  s.relay.blackhole('visitor', true);
  s.relay.drop('visitor');
  s.relay.blackhole('visitor', false);
  await s.cons.sendText(chatId, 'two');
  await s.cons.sendText(chatId, 'three');
  await s.visitor.sendText('written while offline');
  await until(() => s.seen.visitor.length === 3 && s.seen.console.length === 1, 'resume delivers the rest', 5000);
  assert.deepEqual(s.seen.visitor, ['one', 'two', 'three']);
  assert.deepEqual(s.seen.console, ['written while offline']);

  // The console drops too; its resume gets what it missed.
  s.relay.drop('console');
  await s.visitor.sendText('while the console was away');
  await until(() => s.seen.console.length === 2, 'console resumes', 5000);
  assert.deepEqual(s.seen.console, ['written while offline', 'while the console was away']);
  await until(() => s.visitor.link.outbox.length === 0, 'all delivered');
  s.stop();
});

test('a handshake that came while the console was away completes on its return', async () => {
  const s = await setup();
  s.cons.start();
  s.visitor.start();
  await until(() => s.cons.connection.isOpen && s.visitor.connection.isOpen && s.relay.counsellor, 'both connected');
  s.visitor.join('none', 'nb');
  await until(() => s.visitor.state === 'queued', 'queued');

  // The console's network goes away right after accepting: the visitor's handshake is lost.
  s.relay.blackhole('console', true);
  const chatId = await s.accept();
  await until(() => s.visitor.link, 'the visitor answered the offer');
  s.relay.blackhole('console', false);
  s.relay.drop('console');

  await until(() => s.cons.chats.get(chatId)?.link, 'handshake completed from the welcome', 5000);
  await s.visitor.sendText('are you there?');
  await until(() => s.seen.console.length === 1, 'the message arrives');
  assert.deepEqual(s.seen.console, ['are you there?']);
  s.stop();
});

test('a refused message goes again on the same socket after a pause, with the ones after it: nothing lost, nothing twice', async () => {
  const s = await setup();
  const chatId = await startChat(s);
  const resumes = () => s.relay.log.filter(([dir, , f]) => dir === 'in' && f.type === 'resume').length;
  const resumedBefore = resumes();

  // The server is too busy for the visitor's first message; the second is then out of sequence.
  s.relay.refuseNext('visitor', 'unavailable');
  await s.visitor.sendText('en');
  await s.visitor.sendText('to');
  // The counsellor's first is stored, but its answer timed out: nobody relayed it.
  s.relay.refuseNext('console', 'unavailable', { stored: true });
  await s.cons.sendText(chatId, 'tre');

  await until(() => s.seen.console.length === 2 && s.seen.visitor.length === 1, 'both re-sent', 5000);
  assert.deepEqual(s.seen.console, ['en', 'to']);
  assert.deepEqual(s.seen.visitor, ['tre']);
  await until(() => s.visitor.link.outbox.length === 0 && s.cons.chats.get(chatId).link.outbox.length === 0, 'all delivered');
  assert.equal(resumes(), resumedBefore, 'no reconnect and resume: the socket stayed');
  s.stop();
});

test('a busy server\'s refusal, with the out-of-sequence refusals of the messages behind it, is one re-send and no resume', async () => {
  const s = await setup();
  const chatId = await startChat(s);
  const resumes = () => s.relay.log.filter(([dir, , f]) => dir === 'in' && f.type === 'resume').length;
  const resumedBefore = resumes();
  // The first is refused as `unavailable`; the four sent behind it are all out of sequence.
  s.relay.refuseNext('visitor', 'unavailable');
  for (const text of ['en', 'to', 'tre', 'fire', 'fem']) await s.visitor.sendText(text);
  await until(() => s.seen.console.length === 5, 'all taken at the re-send', 10000);
  assert.deepEqual(s.seen.console, ['en', 'to', 'tre', 'fire', 'fem']);
  assert.equal(resumes(), resumedBefore, 'a busy server is not a reason to reconnect');
  assert.ok(s.cons.chats.get(chatId).link, 'the console still holds the chat');
  s.stop();
});

test('a refusal no re-send can pass (wrong_state) ends in a resume, which delivers the message', async () => {
  const s = await setup();
  await startChat(s);
  s.relay.refuseNext('visitor', 'wrong_state');
  await s.visitor.sendText('hallo?');
  await until(() => s.relay.log.some(([dir, ep, f]) => dir === 'in' && ep === 'visitor' && f.type === 'resume'), 'a resume', 5000);
  await until(() => s.seen.console.includes('hallo?'), 'delivered after the resume', 5000);
  assert.equal(s.relay.log.filter(([dir, ep, f]) => dir === 'in' && ep === 'visitor' && f.type === 'msg').length, 2,
    'sent once, refused, and once more after the resume: never re-sent into the same refusal');
  s.stop();
});

test('re-sends the server keeps refusing as out of sequence end in a resume', async () => {
  const s = await setup();
  const chatId = await startChat(s);
  // Out of step with the server for whatever reason: re-sending does not help, a resume tells.
  for (let i = 0; i < 3; i++) s.relay.refuseNext('visitor', 'bad_sequence');
  await s.visitor.sendText('hallo?');
  await until(() => s.relay.log.some(([dir, ep, f]) => dir === 'in' && ep === 'visitor' && f.type === 'resume'), 'a resume', 8000);
  await until(() => s.seen.console.includes('hallo?'), 'delivered after the resume', 5000);
  s.stop();
});

test('a gap triggers a silent resync; a forged envelope is refused and reported', async () => {
  const s = await setup();
  const chatId = await startChat(s);
  await s.cons.sendText(chatId, 'a');
  await until(() => s.seen.visitor.length === 1, 'a');
  // The relay "loses" seq 2 on the way (blackhole), then seq 3 arrives: a gap.
  s.relay.blackhole('visitor', true);
  await s.cons.sendText(chatId, 'b');
  await sleep(20);
  s.relay.blackhole('visitor', false);
  await s.cons.sendText(chatId, 'c');
  await until(() => s.seen.visitor.length === 3, 'gap filled by resume', 5000);
  assert.deepEqual(s.seen.visitor, ['a', 'b', 'c']);
  assert.ok(s.relay.log.some(([dir, ep, f]) => dir === 'in' && ep === 'visitor' && f.type === 'resume' && f.lastSeq === 1),
    'the gap made the visitor resume from seq 1');

  // A tampered envelope with the next sequence number: refused, reported, never shown.
  const ct = s.cons.chats.get(chatId).link.outbox.at(-1)?.ct ?? 'AAAA';
  s.relay.inject('visitor', { type: 'msg', chatId, seq: 4, ct: ct.slice(0, -4) + 'AAAA' });
  await until(() => s.seen.events.some(([who, type]) => who === 'visitor' && type === 'tampered'), 'tampered event');
  assert.deepEqual(s.seen.visitor, ['a', 'b', 'c']);
  s.stop();
});

test('an offer whose certificate does not verify is rejected and nothing is sent', async () => {
  const s = await setup({ tamperCertificate: true });
  s.cons.start();
  s.visitor.start();
  await until(() => s.cons.connection.isOpen && s.visitor.connection.isOpen && s.relay.counsellor, 'connected');
  s.visitor.join('none', 'en');
  await until(() => s.visitor.state === 'queued', 'queued');
  await s.accept();
  await until(() => s.relay.rejected, 'reject frame');
  assert.equal(s.relay.rejected, 'bad_certificate');
  assert.ok(!s.relay.log.some(([dir, ep, f]) => dir === 'in' && ep === 'visitor' && (f.type === 'handshake' || f.type === 'msg')));
  assert.ok(s.seen.events.some(([who, type]) => who === 'visitor' && type === 'rejected'));
  s.stop();
});

/** The console hands the chat over and, as the colleague, takes it with a fresh chat key. */
function takeHandOvers(s, device, keys) {
  s.cons.on('handover', async ({ transferId }) => {
    const key = await createChatKey(device);
    keys.set(key.chatId, key);
    s.cons.take({ transferId, ...key });
  });
}

async function setupWithHandOvers() {
  const s = await setup();
  const handovers = [];
  s.visitor.on('handover', (d) => handovers.push(d));
  s.takeOver = () => takeHandOvers(s, s.device, s.keys);
  return { s, handovers };
}

test('a chat handed to a colleague ends complete for the first counsellor and goes on with a new handshake', async () => {
  const { s, handovers } = await setupWithHandOvers();
  s.takeOver();
  const chatId = await startChat(s);
  await s.visitor.sendText('før');
  await until(() => s.seen.console.length === 1 && s.visitor.link.outbox.length === 0, 'first part delivered');
  const firstCode = s.seen.events.find(([who, type]) => who === 'visitor' && type === 'chat')[2].safetyCode;

  assert.ok(s.cons.transfer(chatId, 'ola'));
  await until(() => s.visitor.state === 'chatting' && s.visitor.chatId !== chatId, 'visitor in the new chat');
  const newChatId = s.visitor.chatId;
  await until(() => s.cons.chats.get(newChatId)?.link, 'colleague has the new chat');
  assert.deepEqual(handovers, [{ undelivered: [] }]);
  const ended = s.seen.events.find(([who, type]) => who === 'console' && type === 'ended');
  assert.deepEqual(ended[2], { chatId, by: 'transferred', complete: true, to: 'Ola' });
  assert.ok(!s.seen.events.some(([who, type]) => who === 'visitor' && type === 'ended'), 'the visitor page never ends');
  const chats = s.seen.events.filter(([who, type]) => who === 'visitor' && type === 'chat');
  assert.equal(chats.length, 2);
  assert.equal(chats[1][2].chatId, newChatId);
  assert.ok(chats[1][2].safetyCode !== firstCode || newChatId !== chatId);

  await s.visitor.sendText('etter');
  await s.cons.sendText(newChatId, 'svar');
  await until(() => s.seen.console.length === 2 && s.seen.visitor.length === 1, 'messages in the new chat');
  assert.deepEqual(s.seen.console, ['før', 'etter']);
  s.stop();
});

test('a visitor away during the hand-over finds the colleague\'s offer when back, and reports what was never delivered', async () => {
  const { s, handovers } = await setupWithHandOvers();
  s.takeOver();
  const chatId = await startChat(s);
  s.relay.blackhole('visitor', true);
  s.visitor.sendText('sent into the hand-over');
  await until(() => s.visitor.link && s.visitor.link.outbox.length === 1, 'sealed, not acknowledged');
  assert.ok(s.cons.transfer(chatId, 'ola'));
  await until(() => [...s.cons.chats.keys()].some((id) => id !== chatId), 'colleague took the visitor');
  s.relay.blackhole('visitor', false);
  s.relay.drop('visitor');
  await until(() => s.visitor.state === 'chatting' && s.visitor.chatId !== chatId, 'visitor in the new chat after resume');
  assert.equal(handovers.length, 1);
  assert.equal(handovers[0].undelivered.length, 1, 'the message the first counsellor never acknowledged');
  s.stop();
});

test('a visitor who ends the chat while being handed over leaves, and is not queued again', async () => {
  const { s } = await setupWithHandOvers();
  const chatId = await startChat(s);
  s.cons.on('handover', () => {}); // the colleague's console never answers
  assert.ok(s.cons.transfer(chatId, 'ola'));
  await until(() => s.relay.log.some(([dir, , f]) => dir === 'out' && f.type === 'handover'), 'colleague asked');
  // The server has handed the visitor over; the colleague's offer has not come yet.
  const visitorSocket = [...s.relay.sockets].find((so) => so.endpoint === 'visitor');
  s.relay._send(visitorSocket, { type: 'ended', chatId, by: 'transferred' });
  await until(() => s.visitor.state === 'handover', 'handed over');
  await s.visitor.end();
  await until(() => s.relay.log.some(([dir, , f]) => dir === 'in' && f.type === 'leave'), 'leave sent');
  assert.equal(s.visitor.state, 'ended');
  const ended = s.seen.events.filter(([who, type]) => who === 'visitor' && type === 'ended');
  assert.deepEqual(ended.map(([, , d]) => d), [{ by: 'visitor', complete: true }]);
  s.stop();
});
