import type { SigningCrypto } from './types.js';

// WebCrypto backend for browsers, Deno, Bun, workers (and Node >= 20, which has globalThis.crypto).
// No Node imports and no libraries. The tiny structural types below keep this file compiling
// whether the project's tsconfig uses lib "dom" or only @types/node.

type HashName = 'SHA-1' | 'SHA-256';
type Bytes = Uint8Array;

interface SubtleLike {
  digest(algorithm: HashName, data: Bytes): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Bytes,
    algorithm: { name: 'HMAC'; hash: HashName },
    extractable: boolean,
    keyUsages: ['sign'],
  ): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Bytes): Promise<ArrayBuffer>;
}

const encoder = new TextEncoder();

function subtle(): SubtleLike {
  const candidate = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (!candidate) {
    // Browsers only expose crypto.subtle in secure contexts (https:, localhost).
    throw new Error('WebCrypto is not available (globalThis.crypto.subtle is undefined; browsers require a secure context)');
  }
  return candidate;
}

/** Imported HMAC keys are cached per (hash, secret) so repeated requests skip importKey. */
const MAX_CACHED_KEYS = 16;
const keyCache = new Map<string, Promise<unknown>>();

function hmacKey(hash: HashName, secret: string): Promise<unknown> {
  // hash names contain no newline, so the prefix makes the cache key unambiguous
  const cacheKey = `${hash}\n${secret}`;
  const cached = keyCache.get(cacheKey);
  if (cached) {
    // refresh recency: Map iteration order is insertion order, so the first entry is the least recent
    keyCache.delete(cacheKey);
    keyCache.set(cacheKey, cached);
    return cached;
  }
  const imported = subtle().importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign']);
  keyCache.set(cacheKey, imported);
  // never keep a failed import around (the rejection itself still reaches the caller)
  imported.catch(() => {
    if (keyCache.get(cacheKey) === imported) keyCache.delete(cacheKey);
  });
  if (keyCache.size > MAX_CACHED_KEYS) {
    const oldest = keyCache.keys().next();
    if (!oldest.done) keyCache.delete(oldest.value);
  }
  return imported;
}

const HEX: string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + '=';
  }
  return out;
}

async function hmac(hash: HashName, key: string, data: string): Promise<ArrayBuffer> {
  return subtle().sign('HMAC', await hmacKey(hash, key), encoder.encode(data));
}

/** globalThis.crypto.subtle backend. */
export const signingCrypto: SigningCrypto = {
  async sha256Hex(data) {
    return toHex(await subtle().digest('SHA-256', encoder.encode(data)));
  },
  async hmacSha256Hex(key, data) {
    return toHex(await hmac('SHA-256', key, data));
  },
  async hmacSha1Base64(key, data) {
    return toBase64(await hmac('SHA-1', key, data));
  },
};
