// Timestamps and nonces: the two inputs a caller may give (options.date / options.nonce).

/**
 * `date` (default now) in UTC without milliseconds: `YYYY-MM-DDTHH:mm:ssZ` (x-acs-date, RPC
 * Timestamp) or with `basic`, `YYYYMMDDTHHmmssZ` (Huawei's X-Sdk-Date).
 */
export function isoSeconds(date = new Date(), basic = false): string {
  const iso = `${date.toISOString().slice(0, 19)}Z`;
  return basic ? iso.replace(/[-:]/g, '') : iso;
}

/**
 * `nonce`, or a fresh random one as 32 lower-case hex digits: a random UUID's (fast), or, on a
 * page outside a secure context, which has no randomUUID, 128 bits from getRandomValues, so that
 * page learns from the crypto backend's own message why it cannot sign.
 */
export function resolveNonce(nonce: string | undefined): string {
  if (nonce) return nonce;
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A client's signing clock: the local clock plus an offset, which starts at the client's
 * `clockOffsetMs` and is corrected from the `Date` of a service's refusal of a signing time.
 */
export interface SigningClock {
  offsetMs: number;
}

/** Now, on `clock`. */
export const clockNow = (clock: SigningClock): number => Date.now() + clock.offsetMs;
