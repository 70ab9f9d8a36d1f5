// Keys and hashes with WebCrypto: the official's Ed25519 key lives in this browser only
// (non-extractable, kept as a CryptoKey in IndexedDB).
const DB_NAME = "hotline-console";
const STORE = "keys";
const KEY_NAME = "official";

export const enc = new TextEncoder();
export const dec = new TextDecoder();

export function toBase64(bytes) {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function toHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function concat(...parts) {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function openDB() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, action) {
  const db = await openDB();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The stored identity: {privateKey, publicKey, publicRaw (base64), keyID (hex), holder}, or undefined. */
export async function loadIdentity() {
  return withStore("readonly", (store) => store.get(KEY_NAME));
}

/** Makes a fresh non-extractable Ed25519 key for `holder` and stores it. */
export async function createIdentity(holder) {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const identity = {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicRaw: toBase64(raw),
    keyID: toHex(await sha256(concat(new Uint8Array([1]), raw))),
    holder,
  };
  await withStore("readwrite", (store) => store.put(identity, KEY_NAME));
  return identity;
}

export async function sign(identity, bytes) {
  return new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, identity.privateKey, bytes));
}
