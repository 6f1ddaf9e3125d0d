import { toHex } from './hex.js';
import type { SigningCrypto } from './types.js';

// WebCrypto backend for browsers, Deno, Bun, workers (and Node >= 20, which has globalThis.crypto).
// No Node imports and no libraries.

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Imported HMAC keys, per hash and secret, so repeated requests skip importKey. */
const keys = new Map<string, Promise<CryptoKey>>();

/** The digest of `data`, or with `secret` its HMAC. */
async function digest(hash: 'SHA-1' | 'SHA-256', data: string, secret?: string): Promise<Uint8Array> {
  // browsers only expose it in secure contexts (https:, localhost)
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('crypto.subtle is unavailable (not a secure context?)');
  if (secret === undefined) return new Uint8Array(await subtle.digest(hash, utf8(data)));
  // note: hash names contain no newline, so the prefix keeps the cache key unambiguous
  const id = `${hash}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    // a full cache starts over (16 secrets is plenty); a failed import is not kept
    if (keys.size > 15) keys.clear();
    keys.set(id, (key = subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash }, false, ['sign'])));
    key.catch(() => keys.delete(id));
  }
  return new Uint8Array(await subtle.sign('HMAC', await key, utf8(data)));
}

/** globalThis.crypto.subtle backend; every function returns a promise. */
export const signingCrypto: SigningCrypto = {
  sha256Hex: async (data) => toHex(await digest('SHA-256', data)),
  hmacSha256Hex: async (key, data) => toHex(await digest('SHA-256', data, key)),
  hmacSha1Base64: async (key, data) => btoa(String.fromCharCode(...(await digest('SHA-1', data, key)))),
};
