import type { SigningCrypto } from './types.js';

// Web Crypto backend for browsers, Deno, Bun and workers: no Node imports, no libraries. Every
// HMAC key is imported for its one signature and kept nowhere.

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (digest: ArrayBuffer) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');

function subtle(): SubtleCrypto {
  // browsers only expose it in secure contexts (https:, localhost)
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('crypto.subtle is unavailable (not a secure context?)');
  return subtle;
}

async function hmac(hash: 'SHA-1' | 'SHA-256', secret: string, data: string): Promise<ArrayBuffer> {
  const key = await subtle().importKey('raw', utf8(secret), { name: 'HMAC', hash }, false, ['sign']);
  return subtle().sign('HMAC', key, utf8(data));
}

export const signingCrypto: SigningCrypto = {
  sha256Hex: async (data) => hex(await subtle().digest('SHA-256', utf8(data))),
  hmacSha256Hex: async (key, data) => hex(await hmac('SHA-256', key, data)),
  hmacSha1Base64: async (key, data) => btoa(String.fromCharCode(...new Uint8Array(await hmac('SHA-1', key, data)))),
};
