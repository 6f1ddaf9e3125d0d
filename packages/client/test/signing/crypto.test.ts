// Known-answer tests for both SigningCrypto backends, and many secrets used twice and concurrently.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { backends, nodeCrypto, webCrypto } from './backends.js';
import { numRuns } from '../support/property-runs.js';

describe.each(backends)('%s crypto backend', (_name, crypto) => {
  it('sha256Hex', async () => {
    expect(await crypto.sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await crypto.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hmacSha256Hex (RFC 4231 test case 2)', async () => {
    expect(await crypto.hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('hmacSha256Hex with a key longer than the block size', async () => {
    expect(await crypto.hmacSha256Hex('k'.repeat(200), 'd')).toBe('355fd18a0d98b65c264fd834fd8abf9a720f5410ca76ff8df7f70edd65b392b9');
  });

  it('hmacSha1Base64 (RFC 2202 test case 2)', async () => {
    expect(await crypto.hmacSha1Base64('Jefe', 'what do ya want for nothing?')).toBe('7/zfauXrL6LSdBbV8YTfnCWafHk=');
  });

  it('hashes strings as UTF-8, lone surrogates as U+FFFD', async () => {
    // expected values from `printf '\xef\xbf\xbdx' | sha256sum` and `printf '备份 1' | sha256sum`
    expect(await crypto.sha256Hex('\ud800x')).toBe('a87ce46793cc659b79bd187e998f8488635f707d5be0957e1d565981efd2b04b');
    expect(await crypto.sha256Hex('\ufffdx')).toBe('a87ce46793cc659b79bd187e998f8488635f707d5be0957e1d565981efd2b04b');
    expect(await crypto.sha256Hex('备份 1')).toBe('29ec55cf8fb6a17a7249b6307df0af0a0bc81df7c224a94b1cce3894d0e66268');
  });
});

describe('node and web backends agree', () => {
  // note: CPU-bound (hundreds of web crypto calls); a generous timeout for a loaded machine
  it('on arbitrary strings and keys', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', minLength: 1 }), async (data, key) => {
        expect(await webCrypto.sha256Hex(data)).toBe(await nodeCrypto.sha256Hex(data));
        expect(await webCrypto.hmacSha256Hex(key, data)).toBe(await nodeCrypto.hmacSha256Hex(key, data));
        expect(await webCrypto.hmacSha1Base64(key, data)).toBe(await nodeCrypto.hmacSha1Base64(key, data));
      }),
      { numRuns },
    );
  });

  it('across more secrets than the web key cache holds, used twice and concurrently', async () => {
    const secrets = Array.from({ length: 40 }, (_, i) => `secret-${i}`);
    for (let round = 0; round < 2; round++) {
      const web = await Promise.all(secrets.flatMap((s) => [webCrypto.hmacSha256Hex(s, 'x'), webCrypto.hmacSha1Base64(s, 'x')]));
      const node = await Promise.all(secrets.flatMap((s) => [nodeCrypto.hmacSha256Hex(s, 'x'), nodeCrypto.hmacSha1Base64(s, 'x')]));
      expect(web).toEqual(node);
    }
  });
});

describe('a runtime without crypto.hash or without Web Crypto', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.doUnmock('node:crypto');
    vi.resetModules();
  });

  it('the node backend hashes with createHash where crypto.hash is missing (an older Deno or Bun)', async () => {
    vi.resetModules();
    vi.doMock('node:crypto', async (original) => ({ ...(await original<typeof import('node:crypto')>()), hash: undefined }));
    const { signingCrypto } = await import('../../src/crypto/node.js');
    expect(await signingCrypto.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await signingCrypto.sha256Hex('备份 1')).toBe('29ec55cf8fb6a17a7249b6307df0af0a0bc81df7c224a94b1cce3894d0e66268');
  });

  it.each([
    ['ACS3', signAlibabaAcs3Request],
    ['RPC V2', signAlibabaRpcV2Request],
  ])('an %s signature on a page outside a secure context (getRandomValues only) fails saying why', async (_scheme, sign) => {
    const real = globalThis.crypto;
    // what a browser gives an http: page: random values, but neither subtle nor randomUUID
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) });
    const signing = sign({ method: 'GET', url: 'https://hbr.cn-hangzhou.aliyuncs.com/' }, { accessKeyId: 'AK', accessKeySecret: 'SK' }, webCrypto, {
      action: 'GetBasicStatistics',
      version: '2017-09-08',
    });
    await expect(signing).rejects.toThrow(new Error('crypto.subtle is unavailable (not a secure context?)'));
  });

  it.each([
    ['no globalThis.crypto', undefined],
    ['a crypto without subtle (an insecure browser context)', {}],
  ])('the web backend refuses to sign with %s, saying why', async (_what, crypto) => {
    vi.stubGlobal('crypto', crypto);
    await expect(webCrypto.sha256Hex('x')).rejects.toThrow(new Error('crypto.subtle is unavailable (not a secure context?)'));
    await expect(webCrypto.hmacSha1Base64('k', 'x')).rejects.toThrow(new Error('crypto.subtle is unavailable (not a secure context?)'));
  });
});
