// Timestamps and nonces: the two inputs a caller may give (options.date / options.nonce).

/**
 * `date` (default now) in UTC without milliseconds: `YYYY-MM-DDTHH:mm:ssZ` (x-acs-date, RPC
 * Timestamp) or with `basic`, `YYYYMMDDTHHmmssZ` (Huawei's X-Sdk-Date).
 */
export function isoSeconds(date = new Date(), basic = false): string {
  const iso = `${date.toISOString().slice(0, 19)}Z`;
  return basic ? iso.replace(/[-:]/g, '') : iso;
}

/** `nonce`, or a fresh random UUID as 32 lower-case hex digits. */
export const resolveNonce = (nonce: string | undefined): string => nonce || globalThis.crypto.randomUUID().replace(/-/g, '');
