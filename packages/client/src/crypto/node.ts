import * as nodeCrypto from 'node:crypto';
import type { SigningCrypto } from './types.js';

type Algorithm = 'sha1' | 'sha256';
type Encoding = 'hex' | 'base64' | 'binary';

// crypto.hash (one-shot, several times cheaper than createHash or createHmac for short inputs)
// is in every Node this package supports (>= 20.12); other runtimes resolving the "node"
// condition may lack it.
const digest: (algorithm: Algorithm, data: string | Uint8Array, encoding: Encoding) => string =
  nodeCrypto.hash ?? ((algorithm, data, encoding) => nodeCrypto.createHash(algorithm).update(data).digest(encoding));

/** Per algorithm and secret: the inner key block, and the outer one with room for the inner hash. */
const keyBlocks = { sha1: new Map<string, [inner: Buffer, outer: Buffer]>(), sha256: new Map<string, [inner: Buffer, outer: Buffer]>() };
/** Where the inner hash's input is assembled; grown as needed. */
let scratch = Buffer.alloc(1024);

/**
 * HMAC (RFC 2104) as two one-shot hashes, H((K ^ opad) || H((K ^ ipad) || data)), with the key
 * blocks computed once per secret; createHmac redoes that work and costs about twice as much.
 * Synchronous, so the shared buffers are never used by two calls at once.
 */
function hmac(algorithm: Algorithm, key: string, data: string, encoding: Encoding): string {
  const cache = keyBlocks[algorithm];
  let blocks = cache.get(key);
  if (!blocks) {
    // both hashes have 64-byte blocks; a longer key is hashed first
    let bytes = Buffer.from(key, 'utf8');
    if (bytes.length > 64) bytes = Buffer.from(digest(algorithm, bytes, 'binary'), 'latin1');
    const inner = Buffer.alloc(64);
    inner.set(bytes);
    const outer = Buffer.alloc(algorithm === 'sha1' ? 84 : 96);
    for (let i = 0; i < 64; i++) {
      outer[i] = inner[i]! ^ 0x5c;
      inner[i] = inner[i]! ^ 0x36;
    }
    if (cache.size > 15) cache.clear();
    cache.set(key, (blocks = [inner, outer]));
  }
  // at most 3 UTF-8 bytes per UTF-16 code unit
  if (scratch.length < 64 + data.length * 3) scratch = Buffer.alloc(64 + data.length * 3);
  scratch.set(blocks[0]);
  const end = 64 + scratch.write(data, 64, 'utf8');
  blocks[1].write(digest(algorithm, scratch.subarray(0, end), 'binary'), 64, 'latin1');
  return digest(algorithm, blocks[1], encoding);
}

/** node:crypto backend. Synchronous: it returns strings, so signing never waits on it. */
export const signingCrypto = {
  sha256Hex: (data: string) => digest('sha256', data, 'hex'),
  hmacSha256Hex: (key: string, data: string) => hmac('sha256', key, data, 'hex'),
  hmacSha1Base64: (key: string, data: string) => hmac('sha1', key, data, 'base64'),
} satisfies SigningCrypto;
