import { toHex } from './hex.js';
import type { SigningCrypto } from './types.js';

// WebCrypto backend for browsers, Deno, Bun, workers (and Node >= 20, which has globalThis.crypto).
// No Node imports and no libraries.

const encoder = /* @__PURE__ */ new TextEncoder();

/** Imported HMAC keys, per hash and secret, so repeated requests skip importKey. */
const keys = new Map<string, CryptoKey>();

/** The digest of `data`, or with `secret` its HMAC. */
async function digest(hash: 'SHA-1' | 'SHA-256', data: string, secret?: string): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  // browsers only expose it in secure contexts (https:, localhost)
  if (!subtle) throw new Error('crypto.subtle is unavailable (not a secure context?)');
  const bytes = encoder.encode(data);
  if (secret === undefined) return new Uint8Array(await subtle.digest(hash, bytes));
  // note: hash names contain no newline, so the prefix keeps the cache key unambiguous
  const id = `${hash}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    // only successful imports are cached; a full cache starts over (16 secrets is plenty)
    key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign']);
    if (keys.size > 15) keys.clear();
    keys.set(id, key);
  }
  return new Uint8Array(await subtle.sign('HMAC', key, bytes));
}

/** globalThis.crypto.subtle backend; every function returns a promise. */
export const signingCrypto: SigningCrypto = {
  sha256Hex: async (data) => toHex(await digest('SHA-256', data)),
  hmacSha256Hex: async (key, data) => toHex(await digest('SHA-256', data, key)),
  hmacSha1Base64: async (key, data) => btoa(String.fromCharCode(...(await digest('SHA-1', data, key)))),
};
