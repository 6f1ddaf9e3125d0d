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
 * `nonce`, or 128 random bits as 32 lower-case hex digits. getRandomValues, unlike randomUUID,
 * works on a page outside a secure context too, so such a page learns why it cannot sign from
 * the crypto backend's own message.
 */
export function resolveNonce(nonce: string | undefined): string {
  if (nonce) return nonce;
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
