// The console device's keys in IndexedDB: database "lytt-console", object store "device", one
// record per username. The record is the crypto module's DeviceKeys object as it is: CryptoKey
// objects survive structured cloning while their private halves stay non-extractable, so the
// key material never exists as bytes this page could read or leak.
// Only the console uses storage; the visitor page never opens IndexedDB.

const DB_NAME = 'lytt-console';
const STORE = 'device';

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

function run(mode, action) {
  return openDb().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = action(tx.objectStore(STORE));
    tx.oncomplete = () => {
      db.close();
      resolve(request.result);
    };
    tx.onerror = tx.onabort = () => {
      db.close();
      reject(tx.error);
    };
  }));
}

/** @returns {Promise<object|undefined>} the stored DeviceKeys for `username` */
export const loadDevice = (username) => run('readonly', (store) => store.get(username));

export const saveDevice = (username, keys) => run('readwrite', (store) => store.put(keys, username));

/** Loads this user's device keys, creating and storing them on first use. */
export async function loadOrCreateDevice(username, createDeviceKeys) {
  const existing = await loadDevice(username);
  if (existing && existing.identityKey && existing.encryptionKey && existing.deviceId) return existing;
  const keys = await createDeviceKeys();
  await saveDevice(username, keys);
  return keys;
}
