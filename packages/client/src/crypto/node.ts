import * as nodeCrypto from 'node:crypto';
import type { SigningCrypto } from './types.js';

// node:crypto backend: the library's own digest and HMAC, nothing assembled by hand and no
// state kept between calls (in particular nothing derived from a secret). Synchronous: it
// returns strings, so signing never waits on it. Strings go in as UTF-8, update()'s default.

// crypto.hash is createHash in one call, several times cheaper for short inputs; it is in every
// Node this package supports (>= 20.12), and other runtimes resolving "node" fall back
const sha256Hex: (data: string) => string = nodeCrypto.hash
  ? (data) => nodeCrypto.hash('sha256', data, 'hex')
  : (data) => nodeCrypto.createHash('sha256').update(data).digest('hex');

export const signingCrypto = {
  sha256Hex,
  hmacSha256Hex: (key: string, data: string) => nodeCrypto.createHmac('sha256', key).update(data).digest('hex'),
  hmacSha1Base64: (key: string, data: string) => nodeCrypto.createHmac('sha1', key).update(data).digest('base64'),
} satisfies SigningCrypto;
