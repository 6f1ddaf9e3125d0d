// Timestamps and nonces: the two inputs that are injectable (options.date / options.nonce,
// checked by the public signers).
import { toHex } from '../crypto/hex.js';

// Stryker disable all: the cache's first values are never read (NaN equals no second)
let cachedSecond = Number.NaN;
let cachedIso = '';
let cachedBasic = '';
// Stryker restore all

/**
 * `date` or now, in UTC without milliseconds: `YYYY-MM-DDTHH:mm:ssZ` (x-acs-date, RPC
 * Timestamp) or with `basic`, `YYYYMMDDTHHmmssZ` (Huawei's X-Sdk-Date).
 */
export function isoSeconds(date: Date | undefined, basic?: boolean): string {
  // one formatting per second: every signature within it shares the strings
  const second = Math.floor((date ? date.getTime() : Date.now()) / 1000);
  // Stryker disable next-line ConditionalExpression: formatting every time gives the same strings; the cache only saves the work
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedIso = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    cachedBasic = cachedIso.replace(/[-:]/g, '');
  }
  return basic ? cachedBasic : cachedIso;
}

// random bytes are drawn 4 KiB at a time: one getRandomValues call costs as much as formatting
// a whole signature, and a nonce needs only 16 bytes
let pool: Uint8Array;
let used = 4096;

/** `nonce`, or 128 random bits as 32 lower-case hex digits. */
export function resolveNonce(nonce: string | undefined): string {
  if (nonce) return nonce;
  // Stryker disable next-line ConditionalExpression: a fresh pool every time gives nonces as random; the pool only saves calls
  if (used === 4096) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(4096));
    used = 0;
  }
  return toHex(pool, used, (used += 16));
}
