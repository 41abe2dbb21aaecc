import test from 'node:test';
import assert from 'node:assert/strict';

import { AlertRules, titleWith } from '../../src/main/resources/webroot/js/ui/alert-rules.js';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t, move: (ms) => { c.t += ms; } };
  return c;
}

const entry = (id, joinedAt) => ({ id, joinedAt, preference: 'none', language: 'nb' });

test('a visitor joining alerts once, and only while on duty', () => {
  const c = clock();
  const rules = new AlertRules({ now: c.now, reminderMs: 120_000 });
  assert.equal(rules.setQueue([entry('a', c.t)], false), null, 'off duty or on a break: no alert');
  assert.equal(rules.setQueue([entry('a', c.t)], true), null, 'already known when duty began');
  assert.equal(rules.setQueue([entry('a', c.t), entry('b', c.t)], true), 'queue', 'a newcomer');
  assert.equal(rules.setQueue([entry('a', c.t), entry('b', c.t)], true), null, 'the same queue again');
  assert.equal(rules.count(), 2);
  rules.setDuty(false);
  assert.equal(rules.count(), 0, 'off duty the queue is not counted');
});

test('while the longest wait exceeds the reminder, the alert repeats every reminder until the visitor is taken', () => {
  const c = clock();
  const rules = new AlertRules({ now: c.now, reminderMs: 120_000 });
  rules.setQueue([entry('a', c.t)], true);
  c.move(119_000);
  assert.equal(rules.tick(), null, 'not yet waited the reminder time');
  c.move(1_000);
  assert.equal(rules.tick(), 'queue');
  c.move(60_000);
  assert.equal(rules.tick(), null, 'not again before another reminder time');
  c.move(60_000);
  assert.equal(rules.tick(), 'queue');
  rules.setQueue([], true);
  c.move(500_000);
  assert.equal(rules.tick(), null, 'accepted: quiet');
});

test('the reminder stops when the counsellor leaves duty, and uses the server clock offset', () => {
  const c = clock();
  const rules = new AlertRules({ now: c.now, reminderMs: 120_000 });
  const offset = 30_000; // the server is 30 s ahead of this device
  assert.equal(rules.setQueue([entry('a', c.t + offset - 100_000)], true, offset), 'queue');
  c.move(119_000);
  assert.equal(rules.tick(), null, 'a reminder time since the last alert has not passed');
  c.move(1_000);
  assert.equal(rules.tick(), 'queue', 'waited 220 s by the server\'s clock');
  c.move(120_000);
  assert.equal(rules.tick(), 'queue');
  rules.setDuty(false);
  c.move(600_000);
  assert.equal(rules.tick(), null);
});

test('a message out of view alerts and, unread, repeats; reading it stops that', () => {
  const c = clock();
  const rules = new AlertRules({ now: c.now, reminderMs: 60_000 });
  assert.equal(rules.message('chat-1', true), null, 'in view: nothing');
  assert.equal(rules.message('chat-1', false), 'message');
  assert.equal(rules.count(), 1);
  assert.equal(titleWith(rules.count(), 'Lytt – console'), '(1) Lytt – console');
  c.move(30_000);
  assert.equal(rules.message('chat-1', false), 'message', 'every new message alerts');
  c.move(59_000);
  assert.equal(rules.tick(), null, 'the last alert is less than a reminder ago');
  c.move(1_000);
  assert.equal(rules.tick(), 'message', 'unread for 90 s since the first message');
  c.move(60_000);
  assert.equal(rules.tick(), 'message');
  rules.read('chat-1');
  c.move(600_000);
  assert.equal(rules.tick(), null);
  assert.equal(titleWith(rules.count(), 'Lytt – console'), 'Lytt – console');
});

test('a configured reminder replaces the default; nonsense is ignored', () => {
  const rules = new AlertRules();
  rules.setReminder(30_000);
  assert.equal(rules.reminderMs, 30_000);
  rules.setReminder(Number.NaN);
  assert.equal(rules.reminderMs, 30_000);
});
