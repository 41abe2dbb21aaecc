// The HTTP helper under Node with a recording fetch: every request names itself as Lytt's own
// (X-Lytt-Request, which the server requires on every POST against cross-site request forgery),
// sends JSON bodies as JSON, and turns answers and network failures into one shape.
// Run: node --test test/unit/http.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';

import { getJson, postJson } from '../../src/main/resources/webroot/js/transport/http.js';

function recordingFetch(status, text) {
  const calls = [];
  const fetchImpl = async (path, init) => {
    calls.push({ path, init });
    return { status, text: async () => text };
  };
  return { calls, fetchImpl };
}

test('a POST carries X-Lytt-Request and a JSON body, same-origin credentials only', async () => {
  const { calls, fetchImpl } = recordingFetch(429, '{"code":"too_many_attempts","retryAfterSeconds":60}');
  const answer = await postJson('/api/login', { username: 'kari', password: 'pw' }, fetchImpl);
  assert.deepEqual(answer, { status: 429, body: { code: 'too_many_attempts', retryAfterSeconds: 60 } });
  const { path, init } = calls[0];
  assert.equal(path, '/api/login');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['x-lytt-request'], '1');
  assert.equal(init.headers['content-type'], 'application/json');
  assert.equal(init.credentials, 'same-origin');
  assert.deepEqual(JSON.parse(init.body), { username: 'kari', password: 'pw' });
});

test('a bodiless POST (logout) still sends a JSON object and the header', async () => {
  const { calls, fetchImpl } = recordingFetch(204, '');
  assert.deepEqual(await postJson('/api/logout', undefined, fetchImpl), { status: 204, body: null });
  assert.equal(calls[0].init.headers['x-lytt-request'], '1');
  assert.equal(calls[0].init.body, '{}');
});

test('a GET carries the header too, and a network failure is status 0', async () => {
  const { calls, fetchImpl } = recordingFetch(200, '{"username":"kari"}');
  assert.deepEqual(await getJson('/api/me', fetchImpl), { status: 200, body: { username: 'kari' } });
  assert.equal(calls[0].init.headers['x-lytt-request'], '1');
  assert.equal(calls[0].init.body, undefined);
  const failing = async () => { throw new TypeError('network'); };
  assert.deepEqual(await getJson('/api/me', failing), { status: 0, body: null });
});
