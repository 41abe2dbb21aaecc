import test from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CRYPTO_DIR, support, api } from './helpers.mjs';

test('cryptoSupported() is true where X25519, Ed25519 and AES-GCM work (Node 20)', async () => {
  assert.equal(await support.cryptoSupported(), true);
  assert.equal(api.cryptoSupported, support.cryptoSupported);
});

async function withSubtle(replacement, fn) {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: replacement, configurable: true, writable: true });
  try {
    return await fn();
  } finally {
    Object.defineProperty(globalThis, 'crypto', saved);
  }
}

test('cryptoSupported() is false without WebCrypto or without one of the primitives', async () => {
  const real = globalThis.crypto;
  assert.equal(await withSubtle(undefined, () => support.cryptoSupported()), false);
  assert.equal(await withSubtle({ getRandomValues: real.getRandomValues.bind(real) }, () => support.cryptoSupported()), false);
  for (const missing of ['none', 'X25519', 'Ed25519', 'AES-GCM']) {
    const subtle = new Proxy(real.subtle, {
      get(target, prop) {
        const f = target[prop];
        if (typeof f !== 'function') return f;
        return (alg, ...rest) => {
          const name = typeof alg === 'string' ? alg : alg?.name;
          const keyAlg = rest.find((r) => r?.algorithm)?.algorithm?.name;
          if (name === missing || keyAlg === missing) return Promise.reject(new DOMException('no', 'NotSupportedError'));
          return f.call(target, alg, ...rest);
        };
      },
    });
    // 'none' proves the wrapper itself breaks nothing.
    assert.equal(await withSubtle({ subtle }, () => support.cryptoSupported()), missing === 'none', missing);
  }
});

test('crypto/ never touches the DOM or browser storage, and imports only its own modules', async () => {
  const files = (await readdir(CRYPTO_DIR)).filter((f) => f.endsWith('.js'));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const code = (await readFile(path.join(CRYPTO_DIR, f), 'utf8'))
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    assert.doesNotMatch(code, /\b(window|document|localStorage|sessionStorage|indexedDB|navigator|self|fetch|XMLHttpRequest)\b/, f);
    for (const [, spec] of code.matchAll(/\bfrom\s+'([^']+)'/g)) assert.match(spec, /^\.\/[a-z0-9]+\.js$/, `${f} imports ${spec}`);
  }
});

test('index.js exposes the public API', () => {
  for (const name of ['CryptoError', 'toB64u', 'fromB64u', 'cryptoSupported', 'createDeviceKeys', 'deviceIdOf', 'fingerprintOf',
    'certificateBytes', 'verifyCertificate', 'createChatKey', 'openOffer', 'ChatCipher', 'MAX_TEXT_CHARS',
    'deriveKeyPair', 'setupBaseS', 'setupBaseR']) {
    assert.ok(api[name] !== undefined, name);
  }
});
