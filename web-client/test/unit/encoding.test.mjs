import test from 'node:test';
import assert from 'node:assert/strict';
import { b64, lpm, errors } from './helpers.mjs';

const { toB64u, fromB64u, toHex, fromHex, concat, utf8, fromUtf8 } = b64;

test('base64url round-trips every length 0..66 and uses the URL alphabet without padding', () => {
  for (let n = 0; n <= 66; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11 + 250) & 0xff);
    const text = toB64u(bytes);
    assert.match(text, /^[A-Za-z0-9_-]*$/);
    assert.equal(text.length, Math.ceil((n * 4) / 3));
    assert.deepEqual(fromB64u(text), bytes);
  }
  assert.equal(toB64u(new Uint8Array([0xfb, 0xff, 0xbf])), '-_-_');
});

test('base64url decoding is strict', () => {
  for (const bad of ['A', 'AAAAA', 'AA==', 'AA=', '+/8', 'A A', 'AB\n', 'AB*', 'AR', 'AAB', null, 7, undefined]) {
    assert.throws(() => fromB64u(bad), (e) => e instanceof errors.CryptoError && e.reason === 'bad_encoding', String(bad));
  }
  // 'AR' and 'AAB' carry non-zero trailing bits: another spelling of 'AQ' and 'AAA'.
  assert.deepEqual(fromB64u('AQ'), new Uint8Array([1]));
  assert.deepEqual(fromB64u(''), new Uint8Array(0));
});

test('hex, utf8 and concat helpers', () => {
  assert.equal(toHex(new Uint8Array([0, 1, 0xab, 0xff])), '0001abff');
  assert.deepEqual(fromHex('0001ABff'), new Uint8Array([0, 1, 0xab, 0xff]));
  assert.throws(() => fromHex('abc'));
  assert.throws(() => fromHex('zz'));
  assert.deepEqual(concat(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3])), new Uint8Array([1, 2, 3]));
  assert.deepEqual(utf8('å€😀'), new Uint8Array([0xc3, 0xa5, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]));
  assert.equal(fromUtf8(utf8('å€😀')), 'å€😀');
  assert.throws(() => fromUtf8(new Uint8Array([0xc3])), (e) => e.reason === 'bad_encoding');
  assert.throws(() => fromUtf8(new Uint8Array([0xed, 0xa0, 0x80])), (e) => e.reason === 'bad_encoding'); // encoded surrogate
});

test('u16/u32/u64 are big-endian and range-checked', () => {
  const { u16, u32, u64, readU32 } = lpm;
  assert.deepEqual(u16(0x1234), new Uint8Array([0x12, 0x34]));
  assert.deepEqual(u32(0x01020304), new Uint8Array([1, 2, 3, 4]));
  assert.deepEqual(u32(0xffffffff), new Uint8Array([255, 255, 255, 255]));
  assert.deepEqual(u64(1795420800), new Uint8Array([0, 0, 0, 0, 0x6b, 0x03, 0xf2, 0x80]));
  assert.deepEqual(u64(Number.MAX_SAFE_INTEGER), new Uint8Array([0, 0x1f, 255, 255, 255, 255, 255, 255]));
  assert.deepEqual(u64(0xffffffffffffffffn), new Uint8Array(8).fill(255));
  assert.equal(readU32(new Uint8Array([9, 1, 2, 3, 4]), 1), 0x01020304);
  for (const [f, bad] of [[u16, 65536], [u16, -1], [u32, 2 ** 32], [u32, 1.5], [u64, 2 ** 53], [u64, -1n], [u64, 2n ** 64n]]) {
    assert.throws(() => f(bad), (e) => e.reason === 'bad_argument');
  }
});

test('lp() prefixes the byte length; strings are UTF-8', () => {
  const { lp, lpAll } = lpm;
  assert.deepEqual(lp(''), new Uint8Array([0, 0]));
  assert.deepEqual(lp('på'), new Uint8Array([0, 3, 0x70, 0xc3, 0xa5]));
  assert.deepEqual(lp(new Uint8Array([7, 8])), new Uint8Array([0, 2, 7, 8]));
  assert.deepEqual(lpAll('a', new Uint8Array([1])), new Uint8Array([0, 1, 0x61, 0, 1, 1]));
  assert.equal(lp(new Uint8Array(65535)).length, 65537);
  assert.throws(() => lp(new Uint8Array(65536)), (e) => e.reason === 'bad_argument');
  // Field boundaries are unambiguous: ("ab","c") and ("a","bc") differ.
  assert.notDeepEqual(lpAll('ab', 'c'), lpAll('a', 'bc'));
});
