/**
 * Feature test for the "this browser is too old" page: there is no plaintext fallback, so a
 * browser must do every primitive the chat uses, for real, before the chat is offered.
 */

/**
 * Resolves true iff this runtime's WebCrypto does X25519 (generate, derive), Ed25519 (sign,
 * verify), AES-256-GCM, HMAC-SHA256 and SHA-256. Never rejects.
 * (crypto.subtle is also missing on pages not served over a secure context.)
 * @returns {Promise<boolean>}
 */
export async function cryptoSupported() {
  try {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) return false;
    const data = new Uint8Array([1, 2, 3]);

    const a = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
    const b = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
    const ab = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: b.publicKey }, a.privateKey, 256));
    const ba = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: a.publicKey }, b.privateKey, 256));
    if (ab.length !== 32 || ab.some((x, i) => x !== ba[i])) return false;
    const raw = await subtle.exportKey('raw', a.publicKey);
    await subtle.importKey('raw', raw, { name: 'X25519' }, true, []);

    const ed = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const sig = await subtle.sign({ name: 'Ed25519' }, ed.privateKey, data);
    if (!(await subtle.verify({ name: 'Ed25519' }, ed.publicKey, sig, data))) return false;
    await subtle.importKey('raw', await subtle.exportKey('raw', ed.publicKey), { name: 'Ed25519' }, true, ['verify']);

    const aes = await subtle.importKey('raw', ab, 'AES-GCM', false, ['encrypt', 'decrypt']);
    const iv = new Uint8Array(12);
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: data }, aes, data);
    const pt = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: data }, aes, ct));
    if (pt.length !== 3 || pt[2] !== 3) return false;

    const mac = await subtle.importKey('raw', ab, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    if ((await subtle.sign('HMAC', mac, data)).byteLength !== 32) return false;
    return (await subtle.digest('SHA-256', data)).byteLength === 32;
  } catch {
    return false;
  }
}
