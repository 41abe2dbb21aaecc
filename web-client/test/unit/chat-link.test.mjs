// One chat's delivery state (transport/chat-link.js) on its own: what goes out when the server
// refuses an envelope, with the pauses taken from a hand-driven clock instead of real timers.
// Run: node --test test/unit/chat-link.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';

import {
  BUFFER_FULL_MAX_MS, ChatLink, RESEND_AFTER_MS,
} from '../../src/main/resources/webroot/js/transport/chat-link.js';

/** A link whose cipher numbers envelopes 1, 2, 3…, with every frame it sends and every timer it sets. */
function link() {
  let next = 1;
  const sent = [];
  const timers = [];
  const l = new ChatLink({
    chatId: 'c1',
    cipher: { seal: async () => ({ seq: next, ct: `ct${next++}` }), open: async () => ({}), destroy() {} },
    send: (frame) => { sent.push(frame); return true; },
  });
  const setTimer = (fn, ms) => timers.push({ fn, ms });
  /** Runs the oldest timer not yet run; returns its pause. */
  const fire = () => {
    const t = timers.shift();
    t.fn();
    return t.ms;
  };
  const msgs = () => sent.filter((f) => f.type === 'msg').map((f) => f.seq);
  return { l, sent, timers, setTimer, fire, msgs };
}

test('a message the peer\'s full buffer refuses is asked again less and less often, up to the cap', async () => {
  const { l, setTimer, fire, msgs, timers } = link();
  await l.sendInner({ t: 'text', text: 'en' });
  const pauses = [];
  for (let i = 0; i < 6; i++) {
    l.refused({ code: 'buffer_full', seq: 1 }, setTimer, () => assert.fail('no resume'));
    pauses.push(fire());
  }
  assert.deepEqual(pauses, [RESEND_AFTER_MS, 4000, 8000, 16000, BUFFER_FULL_MAX_MS, BUFFER_FULL_MAX_MS]);
  assert.deepEqual(msgs(), [1, 1, 1, 1, 1, 1, 1], 'sent, then once after each pause');
  assert.equal(timers.length, 0);
});

test('when the peer reads again, what its full buffer refused goes at once, and the pause starts over', async () => {
  const { l, setTimer, fire, msgs, timers } = link();
  for (const text of ['en', 'to', 'tre']) await l.sendInner({ t: 'text', text });
  l.refused({ code: 'buffer_full', seq: 3 }, setTimer, () => assert.fail('no resume'));
  fire();
  l.refused({ code: 'buffer_full', seq: 3 }, setTimer, () => assert.fail('no resume'));
  assert.equal(timers[0].ms, 4000, 'refused twice: a longer pause is under way');

  l.delivered(2); // the peer came back and read the first two
  assert.deepEqual(msgs(), [1, 2, 3, 3, 3], 'the third went again without waiting out the pause');
  fire(); // the pause that was under way ends: nothing more goes
  assert.deepEqual(msgs(), [1, 2, 3, 3, 3]);

  l.refused({ code: 'buffer_full', seq: 3 }, setTimer, () => assert.fail('no resume'));
  assert.equal(fire(), RESEND_AFTER_MS, 'after a delivered the pause is the short one again');
});

test('a busy server\'s refusal keeps the short pause, and a delivered does not cut it short', async () => {
  const { l, setTimer, fire, msgs, timers } = link();
  for (const text of ['en', 'to']) await l.sendInner({ t: 'text', text });
  l.refused({ code: 'unavailable', seq: 2 }, setTimer, () => assert.fail('no resume'));
  l.delivered(1);
  assert.deepEqual(msgs(), [1, 2], 'the busy server gets its pause');
  assert.equal(timers[0].ms, RESEND_AFTER_MS);
  fire();
  assert.deepEqual(msgs(), [1, 2, 2]);
  l.refused({ code: 'unavailable', seq: 2 }, setTimer, () => assert.fail('no resume'));
  assert.equal(fire(), RESEND_AFTER_MS, 'never longer for a busy server');
});
