// RFC 9180 conformance of hpke.js for our one suite, against the official test vectors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VECTORS_DIR, b64, hpke, LOW_ORDER_POINTS, rejectsWith } from './helpers.mjs';

const { fromHex, toHex, utf8 } = b64;
const VECTOR_FILE = path.join(VECTORS_DIR, 'rfc9180-x25519-sha256-aes256gcm.json');

// The official file is a JSON array; ours wraps the entries of our suite as {description, vectors}.
const parsed = JSON.parse(await readFile(VECTOR_FILE, 'utf8'));
const all = Array.isArray(parsed) ? parsed : parsed.vectors;
const vectors = all.filter((v) => v.mode === 0 && v.kem_id === 32 && v.kdf_id === 1 && v.aead_id === 2);

test('the RFC 9180 vector file has base-mode vectors of our suite', () => {
  assert.ok(vectors.length >= 1, `no mode 0 / 0x0020 / 0x0001 / 0x0002 vector in ${VECTOR_FILE}`);
});

/** The sequence number of an encryption entry: its nonce XOR base_nonce, as an integer. */
function seqOf(nonceHex, baseNonceHex) {
  const n = fromHex(nonceHex);
  const b = fromHex(baseNonceHex);
  let seq = 0n;
  for (let i = 0; i < n.length; i++) seq = (seq << 8n) | BigInt(n[i] ^ b[i]);
  return Number(seq);
}

for (const [i, v] of vectors.entries()) {
  const info = fromHex(v.info);

  test(`vector ${i}: DeriveKeyPair gives skEm/pkEm and skRm/pkRm`, async () => {
    const e = await hpke.deriveKeyPair(fromHex(v.ikmE));
    assert.equal(toHex(e.sk), v.skEm);
    assert.equal(toHex(e.pk), v.pkEm);
    const r = await hpke.deriveKeyPair(fromHex(v.ikmR));
    assert.equal(toHex(r.sk), v.skRm);
    assert.equal(toHex(r.pk), v.pkRm);
  });

  test(`vector ${i}: Encap and KeySchedule give shared_secret, key, base_nonce, exporter_secret`, async () => {
    const { sharedSecret, enc } = await hpke.encap(fromHex(v.pkRm), fromHex(v.ikmE));
    assert.equal(toHex(enc), v.enc);
    assert.equal(toHex(sharedSecret), v.shared_secret);
    assert.equal(toHex(await hpke.decap(fromHex(v.enc), await importSk(v.skRm))), v.shared_secret);
    const ks = await hpke.keySchedule(fromHex(v.shared_secret), info);
    assert.equal(toHex(ks.key), v.key);
    assert.equal(toHex(ks.baseNonce), v.base_nonce);
    assert.equal(toHex(ks.exporterSecret), v.exporter_secret);
  });

  test(`vector ${i}: SetupBaseS with ikmE seals every encryption and exports every value`, async () => {
    const { enc, context } = await hpke.setupBaseS(fromHex(v.pkRm), info, { ikmE: fromHex(v.ikmE) });
    assert.equal(toHex(enc), v.enc);
    let seq = 0;
    for (const e of v.encryptions) {
      for (const target = seqOf(e.nonce, v.base_nonce); seq < target; seq++) await context.seal(new Uint8Array(0), new Uint8Array(0));
      assert.equal(toHex(await context.seal(fromHex(e.aad), fromHex(e.pt))), e.ct, `seq ${seq}`);
      seq++;
    }
    for (const x of v.exports) {
      assert.equal(toHex(await context.export(fromHex(x.exporter_context), x.L)), x.exported_value);
    }
  });

  test(`vector ${i}: SetupBaseR (raw and non-extractable skR) opens every encryption and exports every value`, async () => {
    for (const skR of [fromHex(v.skRm), await importSk(v.skRm)]) {
      const context = await hpke.setupBaseR(fromHex(v.enc), skR, info);
      // Frames skipped by the vector are made by a second sender, so the receiver's counter moves too.
      const { context: filler } = await hpke.setupBaseS(fromHex(v.pkRm), info, { ikmE: fromHex(v.ikmE) });
      let seq = 0;
      for (const e of v.encryptions) {
        for (const target = seqOf(e.nonce, v.base_nonce); seq < target; seq++) {
          await context.open(new Uint8Array(0), await filler.seal(new Uint8Array(0), new Uint8Array(0)));
        }
        assert.equal(toHex(await context.open(fromHex(e.aad), fromHex(e.ct))), e.pt, `seq ${seq}`);
        await filler.seal(new Uint8Array(0), new Uint8Array(0));
        seq++;
      }
      for (const x of v.exports) {
        assert.equal(toHex(await context.export(fromHex(x.exporter_context), x.L)), x.exported_value);
      }
    }
  });
}

function importSk(hex) {
  return import('../../src/main/resources/webroot/js/crypto/x25519.js').then((x) => x.importPrivateKey(fromHex(hex)));
}

// RFC 9180 Appendix A.1.1 (DHKEM(X25519, HKDF-SHA256), base mode): the KEM half of the suite
// is the same as ours, so these published values check DeriveKeyPair and Encap independently
// of the vector file.
test('RFC 9180 A.1.1 KEM values', async () => {
  const ikmE = fromHex('7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234');
  const ikmR = fromHex('6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037');
  const r = await hpke.deriveKeyPair(ikmR);
  assert.equal(toHex(r.sk), '4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8');
  assert.equal(toHex(r.pk), '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d');
  const { sharedSecret, enc } = await hpke.encap(r.pk, ikmE);
  assert.equal(toHex(enc), '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431');
  assert.equal(toHex(sharedSecret), 'fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc');
});

test('HKDF matches RFC 5869 test case 1 and the empty-salt case 3', async () => {
  const ikm = fromHex('0b'.repeat(22));
  const prk = await hpke.extract(fromHex('000102030405060708090a0b0c'), ikm);
  assert.equal(toHex(prk), '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
  assert.equal(toHex(await hpke.expand(prk, fromHex('f0f1f2f3f4f5f6f7f8f9'), 42)),
    '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  const prk3 = await hpke.extract(new Uint8Array(0), ikm);
  assert.equal(toHex(prk3), '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04');
  assert.equal(toHex(await hpke.expand(prk3, new Uint8Array(0), 42)),
    '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
});

test('a sealed message opens once, in order; a changed byte or aad fails with bad_tag', async () => {
  const r = await hpke.deriveKeyPair(utf8('recipient ikm of at least 32 bytes!'));
  const info = utf8('info');
  const { enc, context: s } = await hpke.setupBaseS(r.pk, info);
  const rc = await hpke.setupBaseR(enc, r.sk, info);
  const ct = await s.seal(utf8('aad'), utf8('hello'));
  const flipped = ct.slice();
  flipped[0] ^= 1;
  await rejectsWith(assert, rc.open(utf8('aad'), flipped), 'bad_tag');
  await rejectsWith(assert, rc.open(utf8('aaD'), ct), 'bad_tag');
  assert.deepEqual(await rc.open(utf8('aad'), ct), utf8('hello'));
  await rejectsWith(assert, rc.open(utf8('aad'), ct), 'bad_tag'); // the nonce moved on
  rc.destroy();
  await assert.rejects(rc.export(utf8('x'), 32), (e) => e.reason === 'destroyed');
});

test('a random ephemeral key makes a fresh enc each time; both sides export the same secret', async () => {
  const r = await hpke.deriveKeyPair(new Uint8Array(32).fill(7));
  const a = await hpke.setupBaseS(r.pk, utf8('i'));
  const b = await hpke.setupBaseS(r.pk, utf8('i'));
  assert.notEqual(toHex(a.enc), toHex(b.enc));
  const ra = await hpke.setupBaseR(a.enc, r.sk, utf8('i'));
  assert.equal(toHex(await ra.export(utf8('c'), 32)), toHex(await a.context.export(utf8('c'), 32)));
  const wrongInfo = await hpke.setupBaseR(a.enc, r.sk, utf8('j'));
  assert.notEqual(toHex(await wrongInfo.export(utf8('c'), 32)), toHex(await a.context.export(utf8('c'), 32)));
});

test('low-order and malformed public keys abort SetupBaseS and SetupBaseR with bad_key', async () => {
  const r = await hpke.deriveKeyPair(new Uint8Array(32).fill(1));
  for (const hex of LOW_ORDER_POINTS) {
    await rejectsWith(assert, hpke.setupBaseS(fromHex(hex), utf8('i')), 'bad_key');
    await rejectsWith(assert, hpke.setupBaseS(fromHex(hex), utf8('i'), { ikmE: new Uint8Array(32) }), 'bad_key');
    await rejectsWith(assert, hpke.setupBaseR(fromHex(hex), r.sk, utf8('i')), 'bad_key');
  }
  for (const bad of [new Uint8Array(31), new Uint8Array(33), new Uint8Array(0)]) {
    await rejectsWith(assert, hpke.setupBaseS(bad, utf8('i')), 'bad_key');
    await rejectsWith(assert, hpke.setupBaseR(bad, r.sk, utf8('i')), 'bad_key');
  }
  await rejectsWith(assert, hpke.setupBaseR(r.pk, new Uint8Array(31), utf8('i')), 'bad_key');
});
