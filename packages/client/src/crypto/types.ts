/**
 * The three primitives the request signers need. Every input is a JavaScript string that is
 * hashed or used as a key as its UTF-8 bytes.
 *
 * Two implementations exist: `./node.ts` (node:crypto, synchronous: it returns strings) and
 * `./web.ts` (WebCrypto, for browsers, Deno, Bun and workers: it returns promises). The package
 * maps `#crypto` to the right one per runtime; the signers take the backend as a parameter,
 * never import either, and only wait when a backend hands them a promise.
 */
export interface SigningCrypto {
  /** Lower-case hex SHA-256 of `data`. */
  sha256Hex(data: string): string | PromiseLike<string>;
  /** Lower-case hex HMAC-SHA256 of `data` keyed with `key`. */
  hmacSha256Hex(key: string, data: string): string | PromiseLike<string>;
  /** Standard (padded) base64 HMAC-SHA1 of `data` keyed with `key`. */
  hmacSha1Base64(key: string, data: string): string | PromiseLike<string>;
}
