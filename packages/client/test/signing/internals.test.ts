// The signers' building blocks checked against the obviously right way: encoding against
// TextEncoder byte by byte, request parsing against URL, the node backend's HMAC against
// createHmac, the clock and nonces, and the auth middlewares on real fetch Requests.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alibabaAuthMiddleware } from '../../src/alibaba-hbr/auth.js';
import { huaweiAuthMiddleware } from '../../src/huawei-vbs/auth.js';
import { isoSeconds, resolveNonce } from '../../src/signing/clock.js';
import { canonicalPath, canonicalQuery, encodePathSegments, formPairs, percentEncode } from '../../src/signing/encoding.js';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import { fromFetch, parseRequest, readOptions, type SigningRequest } from '../../src/signing/request.js';
import { shownCanonical } from '../../src/signing/verify.js';
import { nodeCrypto } from './backends.js';
import { inputError } from '../support/input-error.js';
import { numRuns } from '../support/property-runs.js';

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

describe('encoding', () => {
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

  it('percentEncode agrees with byte-by-byte RFC 3986 encoding', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), wellFormed), (value) => {
        expect(percentEncode(value)).toBe(referenceEncode(value));
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

  it('canonicalQuery sorts the pairs it is given by name, then value', () => {
    const pairs: [string, string][] = [
      ['b', '2'],
      ['a', 'y'],
      ['a', 'x'],
    ];
    expect(canonicalQuery(pairs)).toBe('a=x&a=y&b=2');
    expect(pairs).toEqual([
      ['a', 'x'],
      ['a', 'y'],
      ['b', '2'],
    ]);
    expect(
      canonicalQuery([
        ['b', '2'],
        ['a', 'y'],
        ['a', 'x'],
      ]),
    ).toBe('a=x&a=y&b=2');
  });
});

describe('paths, forms and shown requests, exactly', () => {
  it.each([
    ['/!', '/%21'],
    ['/a%20b/c', '/a%2520b/c'],
    ['/v2/p/x', '/v2/p/x'],
  ])('encodePathSegments(%j) is %j (each segment encoded as sent)', (path, encoded) => {
    expect(encodePathSegments(path)).toBe(encoded);
  });

  it.each([
    ['', '/'],
    ['/', '/'],
    ['/a b/%41', '/a%20b/A'],
  ])('canonicalPath(%j) is %j', (path, canonical) => {
    expect(canonicalPath(path)).toBe(canonical);
  });

  it.each<[string, [string, string][]]>([
    ['+', [[' ', '']]],
    [
      'a=+&+=b',
      [
        ['a', ' '],
        [' ', 'b'],
      ],
    ],
    [
      'a=%2B&b=c+d',
      [
        ['a', '+'],
        ['b', 'c d'],
      ],
    ],
    [
      'a=1&&b',
      [
        ['a', '1'],
        ['b', ''],
      ],
    ],
    ['&a=1', [['a', '1']]],
  ])('formPairs(%j) decodes by form rules', (query, pairs) => {
    expect(formPairs(query)).toEqual(pairs);
  });

  it('shownCanonical masks a credential header line by its name, never a value that only mentions one', () => {
    const canonical = 'GET\n/\n\nx-note:my-token:abc\nx-acs-security-token:sts-secret\nhost:h\n';
    expect(shownCanonical(canonical)).toBe('GET\\n/\\n\\nx-note:my-token:abc\\nx-acs-security-token:<masked>\\nhost:h\\n');
  });
});

describe('request input', () => {
  const urls = [
    'https://vbs.cn-north-4.myhuaweicloud.com/v2/p/os-vendor-backup-sharing/count?share_to_me=true&name=db%20backup',
    'http://127.0.0.1:4010/?Action=GetBasicStatistics&Version=2017-09-08',
    'https://[::1]:8443/a%20b/c*d/?',
    'https://h.example/x?q=1#frag?not=query',
    'https://h.example/#only-a-fragment',
    'https://h.example/x#frag?not=query',
    'https://h.example/??a=1',
  ];

  it.each(urls)('fromFetch splits %s like URL does', async (url) => {
    const parsed = new URL(url);
    const input = await fromFetch(new Request(url, { headers: { 'X-A': 'b' } }));
    expect(input).toMatchObject({ method: 'GET', origin: parsed.origin, host: parsed.host, path: parsed.pathname, query: parsed.search.slice(1), body: '' });
    expect(input.headers).toEqual(new Map([['x-a', ['b']]]));
    expect(parseRequest({ method: 'get', url, headers: { 'X-A': 'b' } })).toEqual(input);
  });

  const base = { method: 'GET', url: 'https://h.example/p?q=1' };
  const headersLike = (entries: [unknown, unknown][]) => ({
    forEach: (callback: (value: string, name: string) => void) => entries.forEach(([name, value]) => callback(value as string, name as string)),
  });

  it.each([
    ['get', 'GET'],
    ['Delete', 'DELETE'],
    ['options', 'OPTIONS'],
    ['head', 'HEAD'],
    ['put', 'PUT'],
    ['post', 'POST'],
    ['patch', 'patch'],
    ['getx', 'getx'],
    ['xget', 'xget'],
  ])('parseRequest sends method %s as fetch does: %s', (method, sent) => {
    expect(parseRequest({ ...base, method }).method).toBe(sent);
  });

  it.each<[string, Partial<SigningRequest> | Record<string, unknown>, Partial<ReturnType<typeof parseRequest>>]>([
    ['a null body is no body', { body: null }, { body: '' }],
    ['an empty body is no body', { body: '' }, { body: '' }],
    [
      'a URL object',
      { url: new URL('https://h.example:8443/a%20b?x=1') },
      { origin: 'https://h.example:8443', host: 'h.example:8443', path: '/a%20b', query: 'x=1' },
    ],
    ['a URL-like object, by its href', { url: { href: 'http://h.example/z?y=2' } }, { origin: 'http://h.example', path: '/z', query: 'y=2' }],
    ['no headers (null)', { headers: null }, { headers: new Map() }],
    [
      'a record: names lower-cased, a name given in two spellings keeps both values in order',
      { headers: { 'X-A': '1', 'x-a': '2', B: '' } },
      {
        headers: new Map([
          ['x-a', ['1', '2']],
          ['b', ['']],
        ]),
      },
    ],
    [
      'a Headers-like object, read by forEach',
      {
        headers: headersLike([
          ['X-A', '1'],
          ['x-a', '2'],
        ]),
      },
      { headers: new Map([['x-a', ['1', '2']]]) },
    ],
  ])('parseRequest reads %s', (_, change, expected) => {
    expect(parseRequest({ ...base, ...change } as SigningRequest)).toMatchObject(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a number body', { body: 5 }, 'body must be a string when given'],
    ['a method that is not a token', { method: 'G E T' }, 'method must be an HTTP method token'],
    ['a method of another type', { method: 5 }, 'method must be an HTTP method token'],
    ['a relative URL', { url: '/p' }, 'url must be an absolute http(s) URL'],
    ['a URL of another scheme', { url: 'file:///etc/passwd' }, 'url must be an absolute http(s) URL'],
    ['a scheme that only contains http', { url: 'xhttps://h.example/' }, 'url must be an absolute http(s) URL'],
    ['headers as a string', { headers: 'a: b' }, 'headers must be a Headers object or a record of strings'],
    ['headers as an array (read by its forEach)', { headers: [['a', 'b']] }, 'headers must only have HTTP token names'],
    ['a Headers-like object with a non-string name', { headers: headersLike([[7, 'b']]) }, 'headers must only have HTTP token names'],
    ['a header name with a space', { headers: { 'x a': 'b' } }, 'headers must only have HTTP token names'],
    ['a header value of another type', { headers: { 'x-a': 7 } }, 'headers["x-a"] must be a string'],
    ['a CR in a header value', { headers: { 'x-a': 'a\rb' } }, 'headers["x-a"] must not contain CR, LF or NUL'],
    ['an LF in a header value', { headers: { 'x-a': 'a\nb' } }, 'headers["x-a"] must not contain CR, LF or NUL'],
    ['a NUL in a header value', { headers: { 'x-a': 'a\0b' } }, 'headers["x-a"] must not contain CR, LF or NUL'],
  ])('parseRequest refuses %s, naming the field', (_, change, message) => {
    expect(() => parseRequest({ ...base, ...change } as unknown as SigningRequest)).toThrow(inputError(message));
  });

  it.each<[string, unknown, boolean]>([
    ['the first millisecond of year 0', new Date('0000-01-01T00:00:00.000Z'), true],
    ['the millisecond before year 0', new Date(new Date('0000-01-01T00:00:00.000Z').getTime() - 1), false],
    ['the last millisecond of year 9999', new Date('9999-12-31T23:59:59.999Z'), true],
    ['the first millisecond of year 10000', new Date('+010000-01-01T00:00:00.000Z'), false],
    ['an invalid Date', new Date(Number.NaN), false],
    ['an object that only looks like a Date', { getTime: () => 0 }, false],
    ['a date string', '2026-11-23', false],
  ])('readOptions takes %s as the date: %s', (_, date, accepted) => {
    const read = () => readOptions({ date: date as Date });
    if (accepted) expect(read()).toEqual({ date });
    else expect(read).toThrow(inputError('date must be a valid Date (years 0 to 9999)'));
  });

  it.each<[string, unknown, string | undefined]>([
    ['no options at all', undefined, undefined],
    ['an absent visible field', { date: undefined }, undefined],
    ['a visible field with a space', { nonce: 'a b' }, 'nonce must only contain visible ASCII characters'],
    ['an empty visible field', { nonce: '' }, 'nonce must be a non-empty string'],
    ['options that are not an object', 'now', 'options must be an object'],
    ['null options', null, 'options must be an object'],
  ])('readOptions checks %s', (_, options, message) => {
    const read = () => readOptions(options as { date?: Date; nonce?: string }, ['nonce']);
    if (message) expect(read).toThrow(inputError(message));
    else expect(read()).toEqual(options ?? {});
  });

  it('fromFetch reads the body from a clone, so the request can still send it', async () => {
    const request = new Request('https://h.example/', { method: 'POST', body: 'a=1' });
    expect(await fromFetch(request)).toMatchObject({ method: 'POST', body: 'a=1' });
    expect(await request.text()).toBe('a=1');
  });

  it('a lone surrogate in the body signs like U+FFFD, which is what is hashed', async () => {
    const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK' };
    const date = new Date('2026-11-23T10:15:00Z');
    const sign = (body: string) => signHuaweiRequest({ method: 'POST', url: 'https://h.example/', body }, credentials, nodeCrypto, { date });
    expect((await sign('a\ud800b')).signature).toBe((await sign('a\ufffdb')).signature);
  });

  it('a lone surrogate in the URL reaches the encoder as U+FFFD, as URL serializes it', async () => {
    const credentials = { accessKeyId: 'AK', accessKeySecret: 'SK' };
    const options = { action: 'A', version: 'V', date: new Date('2026-11-23T10:15:00Z'), nonce: 'n' };
    const sign = (text: string) => signAlibabaAcs3Request({ method: 'GET', url: `https://h.example/${text}?q=${text}` }, credentials, nodeCrypto, options);
    const signed = await sign('a\ud800b');
    expect(signed.canonicalRequest).toContain('\n/a%EF%BF%BDb\nq=a%EF%BF%BDb\n');
    expect(signed.signature).toBe((await sign('a\ufffdb')).signature);
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

  it('draws a distinct random nonce for every request, unless one is given', () => {
    const nonces = Array.from({ length: 1000 }, () => resolveNonce(undefined));
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(resolveNonce('given')).toBe('given');
  });
});

describe('node backend HMAC', () => {
  it('matches createHmac for long data, long keys and many keys', async () => {
    const key = fc.string({ unit: 'binary', minLength: 1, maxLength: 150 });
    const data = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', minLength: 400, maxLength: 3000 }));
    await fc.assert(
      fc.asyncProperty(key, data, async (k, d) => {
        expect(await nodeCrypto.hmacSha256Hex(k, d)).toBe(createHmac('sha256', k).update(d, 'utf8').digest('hex'));
        expect(await nodeCrypto.hmacSha1Base64(k, d)).toBe(createHmac('sha1', k).update(d, 'utf8').digest('base64'));
      }),
      params,
    );
  });
});

describe('auth middleware', () => {
  const onRequest = (middleware: { onRequest?: unknown }, request: Request) =>
    (middleware.onRequest as (options: { request: Request }) => Promise<Request>)({ request });

  it('signs the request it is given, with or without a body to read', async () => {
    const huawei = huaweiAuthMiddleware({ type: 'aksk', accessKeyId: 'AK', secretAccessKey: 'SK' }, 'p');
    const request = new Request('https://h.example/v2/p/x?a=1');
    expect(await onRequest(huawei, request)).toBe(request);
    expect(request.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);

    const acs3 = alibabaAuthMiddleware({ type: 'acs3', accessKeyId: 'AK', accessKeySecret: 'SK' }).middleware;
    const post = new Request('https://h.example/', { method: 'POST', body: 'x', headers: { 'x-acs-action': 'A', 'x-acs-version': 'V' } });
    expect(await onRequest(acs3, post)).toBe(post);
    expect(post.headers.get('x-acs-content-sha256')).toBe(await nodeCrypto.sha256Hex('x'));
    expect(await post.text()).toBe('x');
  });
});
