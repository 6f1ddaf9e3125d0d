import * as nodeCrypto from 'node:crypto';
import type { SigningCrypto } from './types.js';

// node:crypto's own digest and HMAC, nothing kept between calls (in particular nothing derived
// from a secret). Strings go in as UTF-8.
// crypto.hash is createHash in one call at about half the cost (each Huawei signature hashes
// twice); it is in every Node this package supports (>= 20.12), and a runtime resolving the
// `node` condition without it (an older Deno or Bun) takes createHash instead of failing to load
const sha256Hex = nodeCrypto.hash
  ? (data: string) => nodeCrypto.hash('sha256', data, 'hex')
  : (data: string) => nodeCrypto.createHash('sha256').update(data).digest('hex');

export const signingCrypto: SigningCrypto = {
  sha256Hex: async (data) => sha256Hex(data),
  hmacSha256Hex: async (key, data) => nodeCrypto.createHmac('sha256', key).update(data).digest('hex'),
  hmacSha1Base64: async (key, data) => nodeCrypto.createHmac('sha1', key).update(data).digest('base64'),
};
