/**
 * The three primitives the request signers need. Every input is a JavaScript string, hashed or
 * used as a key as its UTF-8 bytes (a lone surrogate as U+FFFD).
 *
 * `#crypto` maps to `./node.ts` (node:crypto) in Node and to `./web.ts` (Web Crypto) anywhere
 * else; the signers take the backend as a parameter, so the tests run both.
 */
export interface SigningCrypto {
  /** Lower-case hex SHA-256 of `data`. */
  sha256Hex(data: string): Promise<string>;
  /** Lower-case hex HMAC-SHA256 of `data` keyed with `key`. */
  hmacSha256Hex(key: string, data: string): Promise<string>;
  /** Standard (padded) base64 HMAC-SHA1 of `data` keyed with `key`. */
  hmacSha1Base64(key: string, data: string): Promise<string>;
}
