import { createHmac, hash } from 'node:crypto';
import type { SigningCrypto } from './types.js';

// node:crypto's own digest and HMAC, nothing kept between calls (in particular nothing derived
// from a secret). Strings go in as UTF-8. (crypto.hash, in Node since 20.12, is the one-shot
// createHash: each Huawei signature hashes twice, and it costs about half.)
export const signingCrypto: SigningCrypto = {
  sha256Hex: async (data) => hash('sha256', data, 'hex'),
  hmacSha256Hex: async (key, data) => createHmac('sha256', key).update(data).digest('hex'),
  hmacSha1Base64: async (key, data) => createHmac('sha1', key).update(data).digest('base64'),
};
