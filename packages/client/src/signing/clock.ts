// Timestamps and nonces: the two inputs that are injectable (options.date / options.nonce).
import { requireVisibleAscii } from './request.js';

interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
}

/** `options.date`, checked, or now. */
export function resolveDate(date: unknown): Date {
  if (date === undefined) return new Date();
  if (Object.prototype.toString.call(date) !== '[object Date]' || Number.isNaN((date as Date).getTime())) {
    throw new TypeError('date must be a valid Date');
  }
  return date as Date;
}

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC, no milliseconds (x-acs-date, RPC Timestamp). */
export function isoSeconds(date: Date): string {
  const iso = date.toISOString();
  if (iso.length !== 24) throw new TypeError('date must be between years 0 and 9999');
  return `${iso.slice(0, 19)}Z`;
}

/** `YYYYMMDDTHHmmssZ` in UTC (X-Sdk-Date). */
export function basicIsoSeconds(date: Date): string {
  return isoSeconds(date).replace(/[-:]/g, '');
}

/** A random 128-bit nonce as 32 lower-case hex digits, from crypto.getRandomValues. */
export function randomNonce(): string {
  const random = (globalThis as { crypto?: RandomSource }).crypto;
  if (!random || typeof random.getRandomValues !== 'function') {
    throw new Error('crypto.getRandomValues is not available; pass options.nonce');
  }
  const bytes = random.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** `options.nonce`, checked (it is sent as a header or query value), or a fresh random one. */
export function resolveNonce(nonce: unknown): string {
  return nonce === undefined ? randomNonce() : requireVisibleAscii(nonce, 'nonce');
}
