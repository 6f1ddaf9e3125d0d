import { toHex } from './hex.js';
import type { SigningCrypto } from './types.js';

// Web Crypto backend for browsers, Deno, Bun, workers (and Node >= 20, which has globalThis.crypto).
// No Node imports and no libraries. Every HMAC key is imported for its one signature and kept
// nowhere: no cache holds anything derived from a secret.

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The digest of `data`, or with `secret` its HMAC. */
async function digest(hash: 'SHA-1' | 'SHA-256', data: string, secret?: string): Promise<Uint8Array> {
  // browsers only expose it in secure contexts (https:, localhost)
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('crypto.subtle is unavailable (not a secure context?)');
  if (secret === undefined) return new Uint8Array(await subtle.digest(hash, utf8(data)));
  // Stryker disable next-line BooleanLiteral: the key only signs; extractable matters to exportKey, which nothing calls
  const key = await subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', key, utf8(data)));
}

/** globalThis.crypto.subtle backend; every function returns a promise. */
export const signingCrypto: SigningCrypto = {
  sha256Hex: async (data) => toHex(await digest('SHA-256', data)),
  hmacSha256Hex: async (key, data) => toHex(await digest('SHA-256', data, key)),
  hmacSha1Base64: async (key, data) => btoa(String.fromCharCode(...(await digest('SHA-1', data, key)))),
};
