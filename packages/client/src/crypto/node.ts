import { createHash, createHmac } from 'node:crypto';
import type { SigningCrypto } from './types.js';

/** node:crypto backend. The work is synchronous; the functions are async only to share the interface. */
export const signingCrypto: SigningCrypto = {
  async sha256Hex(data) {
    return createHash('sha256').update(data, 'utf8').digest('hex');
  },
  async hmacSha256Hex(key, data) {
    return createHmac('sha256', key).update(data, 'utf8').digest('hex');
  },
  async hmacSha1Base64(key, data) {
    return createHmac('sha1', key).update(data, 'utf8').digest('base64');
  },
};
