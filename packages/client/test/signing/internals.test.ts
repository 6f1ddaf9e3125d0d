// The signers' fast paths checked against the slow, obviously right way: hand-rolled parsing and
// encoding against URL/URLSearchParams/TextEncoder, the node backend's HMAC against createHmac,
// the cached clock and pooled nonces, and the middleware's synchronous path.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alibabaAuthMiddleware } from '../../src/alibaba-hbr/auth.js';
import { huaweiAuthMiddleware } from '../../src/huawei-vbs/auth.js';
import { isoSeconds, resolveNonce } from '../../src/signing/clock.js';
import { byNameThenValue, canonicalPath, canonicalQueryString, encode, formPairs, percentEncode, sortInPlace } from '../../src/signing/encoding.js';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import { fromFetch, parseRequest, run } from '../../src/signing/request.js';
import { nodeCrypto } from './backends.js';

const numRuns = Math.max(200, Number(process.env.FC_NUM_RUNS ?? '') || 0);
const params = { numRuns };

/** Strings rich in what parsing and encoding care about: escapes (valid or not), "+", "=", "&", non-ASCII. */
const tricky = fc
  .array(fc.constantFrom('%', '+', '=', '&', '?', '#', '/', '2', '0', 'e', 'E', 'A', 'f', 'C', '3', 'B', 'a', ' ', '~', '*', "'", 'é', '名', '\u{1F600}'), {
    maxLength: 24,
  })
  .map((chars) => chars.join(''));
const wellFormed = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 16 }));

/** RFC 3986 encoding of the UTF-8 bytes, byte by byte. */
function referenceEncode(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

describe('encoding fast paths', () => {
  it('formPairs splits and decodes like URLSearchParams (a leading "?" included)', () => {
    fc.assert(
      fc.property(wellFormed, (query) => {
        expect(formPairs(query)).toEqual([...new URLSearchParams(`&${query}`)]);
      }),
      params,
    );
    expect(formPairs('?a=1&&b&=c&d=e=f')).toEqual([
      ['?a', '1'],
      ['b', ''],
      ['', 'c'],
      ['d', 'e=f'],
    ]);
    expect(formPairs(new URL('https://h.example/??a=1').search.slice(1))).toEqual([...new URL('https://h.example/??a=1').searchParams]);
  });

  it('percentEncode and encode agree with byte-by-byte RFC 3986 encoding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (value) => {
        expect(percentEncode(value)).toBe(referenceEncode(value));
      }),
      params,
    );
    fc.assert(
      fc.property(wellFormed, (value) => {
        expect(encode(value)).toBe(referenceEncode(value));
      }),
      params,
    );
  });

  it('canonicalPath decodes each segment once (leniently) and encodes it', () => {
    const reference = (path: string) =>
      path === '' || path === '/'
        ? '/'
        : path
            .split('/')
            .map((segment) => {
              try {
                return referenceEncode(decodeURIComponent(segment));
              } catch {
                return referenceEncode(segment);
              }
            })
            .join('/');
    fc.assert(
      fc.property(fc.array(wellFormed, { maxLength: 4 }), (segments) => {
        const path = new URL(`https://h.example/${segments.map((s) => s.replace(/[?#]/g, '')).join('/')}`).pathname;
        expect(canonicalPath(path)).toBe(reference(path));
      }),
      params,
    );
  });

  it('sortInPlace orders like Array#sort, below and above its insertion-sort size', () => {
    const pair = fc.tuple(fc.constantFrom('a', 'b', 'B', 'a b', 'x-acs-date', 'host', ''), fc.constantFrom('1', '2', '', 'z'));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 40 }), (pairs) => {
        expect(sortInPlace([...pairs], byNameThenValue)).toEqual([...pairs].sort(byNameThenValue));
      }),
      params,
    );
    expect(
      canonicalQueryString([
        ['b', '2'],
        ['a', 'y'],
        ['a', 'x'],
      ]),
    ).toBe('a=x&a=y&b=2');
  });
});

describe('request input', () => {
  const urls = [
    'https://vbs.cn-north-4.myhuaweicloud.com/v2/p/os-vendor-backup-sharing/count?share_to_me=true&name=db%20backup',
    'http://127.0.0.1:4010/?Action=GetBasicStatistics&Version=2017-09-08',
    'https://[::1]:8443/a%20b/c*d/?',
    'https://h.example/x?q=1#frag?not=query',
    'https://h.example/#only-a-fragment',
    'https://h.example/??a=1',
  ];

  it.each(urls)('fromFetch splits %s like URL does', async (url) => {
    const parsed = new URL(url);
    const input = await run(fromFetch(new Request(url, { headers: { 'X-A': 'b' } })));
    expect(input).toMatchObject({ method: 'GET', origin: parsed.origin, host: parsed.host, path: parsed.pathname, query: parsed.search.slice(1), body: '' });
    expect(input.headers).toEqual(new Map([['x-a', ['b']]]));
    expect(parseRequest({ method: 'get', url, headers: { 'X-A': 'b' } })).toEqual(input);
  });

  it('fromFetch reads the body from a clone, asynchronously', async () => {
    const request = new Request('https://h.example/', { method: 'POST', body: 'a=1' });
    const input = run(fromFetch(request));
    expect(input).toBeInstanceOf(Promise);
    expect(await input).toMatchObject({ method: 'POST', body: 'a=1' });
    expect(await request.text()).toBe('a=1');
  });

  it('a lone surrogate in the body signs like U+FFFD, which is what is hashed', async () => {
    const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK' };
    const date = new Date('2026-11-23T10:15:00Z');
    const sign = (body: string) => signHuaweiRequest({ method: 'POST', url: 'https://h.example/', body }, credentials, nodeCrypto, { date });
    expect((await sign('a\ud800b')).signature).toBe((await sign('a\ufffdb')).signature);
  });
});

describe('clock and nonces', () => {
  it('formats any date in years 0 to 9999, whatever was formatted before', () => {
    const date = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }).map((t) => new Date(t));
    fc.assert(
      fc.property(fc.array(date, { minLength: 1, maxLength: 4 }), (dates) => {
        for (const d of dates) {
          const iso = `${d.toISOString().slice(0, 19)}Z`;
          expect(isoSeconds(d)).toBe(iso);
          expect(isoSeconds(d, true)).toBe(iso.replace(/[-:]/g, ''));
        }
      }),
      params,
    );
  });

  it('draws distinct 128-bit nonces across pool refills', () => {
    const nonces = Array.from({ length: 1000 }, () => resolveNonce(undefined));
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(resolveNonce('given')).toBe('given');
  });
});

describe('node backend HMAC', () => {
  it('matches createHmac for long data, long keys and many keys', () => {
    const key = fc.string({ unit: 'binary', minLength: 1, maxLength: 150 });
    const data = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', minLength: 400, maxLength: 3000 }));
    fc.assert(
      fc.property(key, data, (k, d) => {
        expect(nodeCrypto.hmacSha256Hex(k, d)).toBe(createHmac('sha256', k).update(d, 'utf8').digest('hex'));
        expect(nodeCrypto.hmacSha1Base64(k, d)).toBe(createHmac('sha1', k).update(d, 'utf8').digest('base64'));
      }),
      params,
    );
  });
});

describe('auth middleware', () => {
  it('signs synchronously with the node backend when there is no body to read', async () => {
    const huawei = huaweiAuthMiddleware({ type: 'aksk', accessKeyId: 'AK', secretAccessKey: 'SK' }, 'p');
    const request = new Request('https://h.example/v2/p/x?a=1');
    const result = (huawei.onRequest as (options: { request: Request }) => unknown)({ request });
    expect(result).toBe(request);
    expect(request.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);

    const acs3 = alibabaAuthMiddleware({ type: 'acs3', accessKeyId: 'AK', accessKeySecret: 'SK' }).middleware;
    const post = new Request('https://h.example/', { method: 'POST', body: 'x', headers: { 'x-acs-action': 'A', 'x-acs-version': 'V' } });
    const pending = (acs3.onRequest as (options: { request: Request }) => unknown)({ request: post });
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBe(post);
    expect(post.headers.get('x-acs-content-sha256')).toBe(nodeCrypto.sha256Hex('x'));
  });
});
