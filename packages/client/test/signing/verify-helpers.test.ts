// The vendor-neutral half of the verifiers (src/signing/verify.ts): reading a received request,
// the Authorization parts, the clock check and its wording, masking credentials in a refusal,
// and reading the credentials a verifier is created from. Expected values are written out.
import { describe, expect, it } from 'vitest';
import {
  authorizationFields,
  defaultMaxSkewMs,
  duration,
  headerOf,
  NonceLedger,
  newRequestId,
  oneLine,
  type ReceivedRequest,
  readList,
  readSection,
  sameSignature,
  shownCanonical,
  signerInputOf,
  skewProblem,
} from '../../src/signing/verify.ts';
import { inputError } from '../support/input-error.js';

const received = (url: string, headers: ReceivedRequest['headers']): ReceivedRequest => ({ method: 'GET', url, headers, body: '{"a":1}' });

describe('reading a received request', () => {
  it.each([
    ['absent', undefined, undefined],
    ['a single value, as is', 'a,  b', 'a,  b'],
    ['a repeated header, joined with ", "', ['a', 'b', 'c'], 'a, b, c'],
    ['an empty value, kept', '', ''],
  ])('headerOf: %s', (_what, value, expected) => {
    expect(headerOf(received('/', { 'x-h': value }), 'x-h')).toBe(expected);
  });

  it('signerInputOf keeps only the signed headers, splits path and query at the first "?" and takes the host header', () => {
    const request = received('/v2/p/x?limit=1&q=a?b', { host: 'api.example:8443', 'x-sdk-date': '20261128T000000Z', 'x-other': 'no', accept: ['a', 'b'] });
    expect(signerInputOf(request, ['host', 'x-sdk-date', 'accept', 'x-missing'])).toEqual({
      method: 'GET',
      origin: 'http://api.example:8443',
      host: 'api.example:8443',
      path: '/v2/p/x',
      query: 'limit=1&q=a?b',
      headers: new Map([
        ['host', ['api.example:8443']],
        ['x-sdk-date', ['20261128T000000Z']],
        ['accept', ['a', 'b']],
      ]),
      body: '{"a":1}',
    });
  });

  it('signerInputOf: no query and no host header give "" for both', () => {
    expect(signerInputOf(received('/v2/p', {}), ['host'])).toMatchObject({ origin: 'http://', host: '', path: '/v2/p', query: '', headers: new Map() });
  });

  it('signerInputOf copies a repeated header, so the request is never changed through it', () => {
    const values = ['a', 'b'];
    const input = signerInputOf(received('/', { accept: values }), ['accept']);
    input.headers.get('accept')!.push('c');
    expect(values).toEqual(['a', 'b']);
  });
});

describe('authorizationFields', () => {
  it.each([
    [
      'comma-separated parts, spaces around them dropped',
      'Access=AK, SignedHeaders=host;x-sdk-date ,Signature=ab12',
      { Access: 'AK', SignedHeaders: 'host;x-sdk-date', Signature: 'ab12' },
    ],
    ['a value holding "=" keeps it', 'Credential=AK=1,Signature=s=', { Credential: 'AK=1', Signature: 's=' }],
    ['parts without a name or without "=" are skipped', '=x, bare, Signature=s', { Signature: 's' }],
    ['a later part of the same name wins', 'Signature=a, Signature=b', { Signature: 'b' }],
    ['an empty value is kept empty', 'Signature=', { Signature: '' }],
  ])('%s', (_what, parameters, expected) => {
    expect(Object.fromEntries(authorizationFields(parameters))).toEqual(expected);
  });
});

describe('sameSignature', () => {
  it.each([
    ['equal', 'a1b2c3', 'a1b2c3', true],
    ['differing in the first character', 'a1b2c3', 'b1b2c3', false],
    ['differing in the last character', 'a1b2c3', 'a1b2c4', false],
    ['a prefix', 'a1b2c3', 'a1b2c', false],
    ['longer', 'a1b2c3', 'a1b2c3d', false],
    ['both empty', '', '', true],
  ])('%s: %s', (_what, expected, given, same) => {
    expect(sameSignature(expected, given)).toBe(same);
  });
});

describe('the clock check', () => {
  it.each([
    [0, '0 s'],
    [59_499, '59 s'],
    [59_500, '1 min 0 s'],
    [60_000, '1 min 0 s'],
    [-125_000, '2 min 5 s'],
    [3_600_000, '60 min 0 s'],
  ])('duration(%d) is "%s"', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });

  it('allows 15 minutes by default', () => {
    expect(defaultMaxSkewMs).toBe(900_000);
  });

  const now = Date.UTC(2026, 10, 28, 12);
  it.each([
    ['exactly the allowed skew ahead', 900_000, undefined],
    ['exactly the allowed skew behind', -900_000, undefined],
    ['no skew', 0, undefined],
    ['one ms more ahead', 900_001, "X-Sdk-Date V is 15 min 0 s ahead of the server's clock (2026-11-28T12:00:00.000Z); at most 15 min 0 s is allowed"],
    ['16 minutes behind', -960_000, "X-Sdk-Date V is 16 min 0 s behind the server's clock (2026-11-28T12:00:00.000Z); at most 15 min 0 s is allowed"],
  ])('skewProblem: %s', (_what, skew, problem) => {
    expect(skewProblem('X-Sdk-Date', 'V', now + skew, now, 900_000)).toBe(problem);
  });
});

describe('a canonical request shown in a refusal', () => {
  it('is on one line', () => {
    expect(oneLine('GET\n/\n\n')).toBe('GET\\n/\\n\\n');
  });

  it('masks the values of credential headers, whatever their case, and nothing else', () => {
    const canonical = [
      'GET',
      '/v2/p',
      '',
      'host:api.example',
      'x-acs-security-token:STS-TOKEN',
      'X-Auth-Token:TOKEN',
      'x-client-secret-key:SECRET',
      'x-password:PW',
      'x-acs-credential-id:ID',
      'x-sdk-date:20261128T000000Z',
      '',
      'host;x-sdk-date',
      'e3b0',
    ].join('\n');
    expect(shownCanonical(canonical)).toBe(
      'GET\\n/v2/p\\n\\nhost:api.example\\nx-acs-security-token:<masked>\\nX-Auth-Token:<masked>\\nx-client-secret-key:<masked>\\nx-password:<masked>\\nx-acs-credential-id:<masked>\\nx-sdk-date:20261128T000000Z\\n\\nhost;x-sdk-date\\ne3b0',
    );
  });

  it('gives each refusal its own UUID request id', () => {
    const [first, second] = [newRequestId(), newRequestId()];
    expect(first).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    expect(second).not.toBe(first);
  });
});

describe('reading the credentials a verifier is created from', () => {
  it.each([
    ['null', null],
    ['a list', []],
    ['a string', 'AK'],
    ['undefined', undefined],
  ])('readSection refuses %s, naming where it was', (_what, value) => {
    expect(() => readSection(value, 'credentials["huawei-vbs"]', ['aksk'])).toThrow(inputError('credentials["huawei-vbs"] must be an object'));
  });

  it('readSection returns the object itself when it has only known keys', () => {
    const value = { aksk: [], tokens: [] };
    expect(readSection(value, 'credentials', ['aksk', 'tokens'])).toBe(value);
  });

  it('readSection names an unknown field and the known ones', () => {
    expect(() => readSection({ aksk: [], token: 'x' }, 'credentials', ['aksk', 'tokens'])).toThrow(
      inputError('credentials.token is not a known field (known: aksk, tokens)'),
    );
  });

  it('readList: absent is empty, each item is read with its place, a non-list is refused', () => {
    const places: string[] = [];
    const read = (item: unknown, at: string) => {
      places.push(at);
      return String(item).toUpperCase();
    };
    expect(readList({}, 'tokens', 'credentials', read)).toEqual([]);
    expect(readList({ tokens: ['a', 'b'] }, 'tokens', 'credentials', read)).toEqual(['A', 'B']);
    expect(places).toEqual(['credentials.tokens[0]', 'credentials.tokens[1]']);
    expect(() => readList({ tokens: 'a' }, 'tokens', 'credentials', read)).toThrow(inputError('credentials.tokens must be a list'));
  });
});

describe('NonceLedger at the edge of its window', () => {
  it('still remembers a nonce exactly the window old', () => {
    const ledger = new NonceLedger(1_000);
    expect(ledger.use('AK', 'n1', 0)).toBe(true);
    expect(ledger.use('AK', 'n1', 1_000)).toBe(false);
    expect(ledger.size).toBe(1);
  });

  it('drops only the expired nonces, keeping the recent ones', () => {
    const ledger = new NonceLedger(1_000);
    ledger.use('AK', 'old', 0);
    ledger.use('AK', 'recent', 900);
    expect(ledger.use('AK', 'new', 1_500)).toBe(true);
    expect(ledger.size).toBe(2);
    expect(ledger.use('AK', 'recent', 1_500)).toBe(false);
  });
});
