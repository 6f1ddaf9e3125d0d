// The core's small guards and values, each with its exact message: the option checks a client
// factory runs, the retry policy, the error type's text forms and the readers of error bodies.
import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/call-operation.js';
import { requireCredential, requireVisibleAscii } from '../../src/signing/credentials.js';
import { asRecord, stringField, unknownBodyMessage } from '../../src/core/error-body.js';
import { ClientInputError, CloudApiError, isCloudApiError } from '../../src/core/errors.js';
import { defaultMaxResponseBytes } from '../../src/core/exchange.js';
import {
  defaultTimeoutMs,
  maxTimerMs,
  requireBaseUrl,
  requireByteCount,
  requireOptions,
  requireRegion,
  requireTimeout,
  resolveRetryPolicy,
} from '../../src/core/options.js';
import { defaultRetryPolicy, parseRetryAfter } from '../../src/core/retry-policy.js';
import { assertMatchesSchema } from '../../src/core/validate-input.js';
import { getEventListeners } from 'node:events';

/** The ClientInputError `run` throws, as field and message. */
function refusal(run: () => unknown): { field: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ClientInputError);
    const { field, message, name } = error as ClientInputError;
    expect(name).toBe('ClientInputError');
    return { field, message };
  }
  throw new Error('nothing was thrown');
}

describe('factory option checks', () => {
  it('defaults: 30 s per attempt, 16 MiB per body, 2 retries from 200 ms up to 5 s, Retry-After up to 30 s', () => {
    expect(defaultTimeoutMs).toBe(30_000);
    expect(defaultMaxResponseBytes).toBe(16_777_216);
    expect(defaultRetryPolicy).toEqual({ retries: 2, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 });
    expect(maxTimerMs).toBe(2_147_483_647);
  });

  it.each([
    [1, 1],
    [0.5, 0.5],
    [2_147_483_647, 2_147_483_647],
    [2_147_483_648, 2_147_483_647],
    [1e12, 2_147_483_647],
  ])('requireTimeout(%d) is %d', (given, kept) => {
    expect(requireTimeout(given)).toBe(kept);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '5', null])('requireTimeout refuses %s', (given) => {
    expect(refusal(() => requireTimeout(given))).toEqual({ field: 'timeoutMs', message: 'timeoutMs must be a positive number of milliseconds' });
  });

  it.each([0, -1, 1.5, 2 ** 53, '1', Number.NaN])('requireByteCount refuses %s', (given) => {
    expect(refusal(() => requireByteCount(given, 'maxResponseBytes'))).toEqual({
      field: 'maxResponseBytes',
      message: 'maxResponseBytes must be a positive whole number of bytes',
    });
  });

  it('requireByteCount keeps a positive safe integer', () => {
    expect(requireByteCount(1, 'm')).toBe(1);
    expect(requireByteCount(2 ** 53 - 1, 'm')).toBe(2 ** 53 - 1);
  });

  it.each(['ab', 'a b', 'sk/+=~', '\u00e9t\u00e9'])('requireCredential keeps %j exactly as given', (given) => {
    expect(requireCredential(given, 'f')).toBe(given);
  });

  it.each([
    ['an empty string', '', 'f must be a non-empty string'],
    ['a number', 5, 'f must be a non-empty string'],
    ['undefined', undefined, 'f must be a non-empty string'],
    ['only spaces', '   ', 'f must not start or end with whitespace'],
    ['a leading space', ' ab', 'f must not start or end with whitespace'],
    ['a trailing newline', 'ab\n', 'f must not start or end with whitespace'],
    ['a trailing tab', 'ab\t', 'f must not start or end with whitespace'],
  ])('requireCredential refuses %s, without showing the value', (_what, given, message) => {
    expect(refusal(() => requireCredential(given, 'f'))).toEqual({ field: 'f', message });
  });

  it.each([
    ['https://vbs.cn-north-4.myhuaweicloud.com', 'https://vbs.cn-north-4.myhuaweicloud.com'],
    ['http://127.0.0.1:4010///', 'http://127.0.0.1:4010'],
    ['HTTPS://Proxy.example/prefix/', 'HTTPS://Proxy.example/prefix'],
    [' https://a.example/ ', 'https://a.example'],
  ])('requireBaseUrl(%s) is %s', (given, kept) => {
    expect(requireBaseUrl(given, 'baseUrl')).toBe(kept);
  });

  it.each(['ftp://a.example', 'https://', 'https:///path', '/relative', 'https://a b.example', 'https://[::1', 'xhttps://a.example', '', ' ', 42])(
    'requireBaseUrl refuses %s',
    (given) => {
      expect(refusal(() => requireBaseUrl(given, 'baseUrl'))).toEqual({ field: 'baseUrl', message: 'baseUrl must be an absolute http(s) URL' });
    },
  );

  it.each([
    ['a space', 'A K'],
    ['a non-ASCII letter', 'AKé'],
    ['a control character', 'AK\u007f'],
  ])('requireVisibleAscii refuses %s, without showing the value', (_what, given) => {
    expect(refusal(() => requireVisibleAscii(given, 'credentials.accessKeyId'))).toEqual({
      field: 'credentials.accessKeyId',
      message: 'credentials.accessKeyId must only contain visible ASCII characters',
    });
  });

  it('requireVisibleAscii keeps the whole visible range as given, and refuses it padded', () => {
    expect(requireVisibleAscii('!~AZaz09', 'f')).toBe('!~AZaz09');
    expect(refusal(() => requireVisibleAscii(' !~AZaz09 ', 'f'))).toEqual({ field: 'f', message: 'f must not start or end with whitespace' });
  });

  it.each(['cn-north-4', 'ap-southeast-1', 'cn1'])('requireRegion keeps %s', (given) => {
    expect(requireRegion(given, 'region')).toBe(given);
  });

  it.each(['CN-north-4', 'cn_north', 'cn--north', '-cn', 'cn-', 'cn.north', 'cn north', ' cn-north-4', '', 4])('requireRegion refuses %s', (given) => {
    expect(refusal(() => requireRegion(given, 'region'))).toEqual({ field: 'region', message: 'region must look like a region id, e.g. cn-north-4' });
  });

  it.each([null, undefined, 'x', 1])('requireOptions refuses %s', (given) => {
    expect(refusal(() => requireOptions(given))).toEqual({ field: 'options', message: 'options must be an object' });
  });

  it('requireOptions returns the options themselves', () => {
    const options = { region: 'cn-north-4' };
    expect(requireOptions(options)).toBe(options);
  });
});

describe('the retry policy', () => {
  const base = { retries: 1, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 30 };
  it.each([
    ['undefined keeps the base', undefined, base, base],
    ['undefined keeps a base of false', undefined, false, false],
    ['false turns retries off', false, base, false],
    ['options override the base field by field', { retries: 0 }, base, { ...base, retries: 0 }],
    [
      'options over a base of false start from the defaults',
      { maxDelayMs: 0 },
      false,
      { retries: 2, baseDelayMs: 200, maxDelayMs: 0, maxRetryAfterMs: 30_000 },
    ],
  ] as const)('%s', (_what, options, given, policy) => {
    expect(resolveRetryPolicy(options, given)).toEqual(policy);
  });

  it.each([
    ['not an object', 3, 'retry', 'retry must be an object or false'],
    ['null', null, 'retry', 'retry must be an object or false'],
    ['fractional retries', { retries: 1.5 }, 'retry.retries', 'retry.retries must be a non-negative integer'],
    ['negative retries', { retries: -1 }, 'retry.retries', 'retry.retries must be a non-negative integer'],
    ['a negative delay', { baseDelayMs: -1 }, 'retry.baseDelayMs', 'retry.baseDelayMs must be a non-negative number'],
    ['an infinite delay', { maxDelayMs: Number.POSITIVE_INFINITY }, 'retry.maxDelayMs', 'retry.maxDelayMs must be a non-negative number'],
    ['a delay that is a string', { maxRetryAfterMs: '5' }, 'retry.maxRetryAfterMs', 'retry.maxRetryAfterMs must be a non-negative number'],
  ])('refuses %s', (_what, options, field, message) => {
    expect(refusal(() => resolveRetryPolicy(options as never, base))).toEqual({ field, message });
  });

  it('accepts fractional delays and zero everywhere', () => {
    expect(resolveRetryPolicy({ retries: 0, baseDelayMs: 0.5, maxDelayMs: 0, maxRetryAfterMs: 0 }, base)).toEqual({
      retries: 0,
      baseDelayMs: 0.5,
      maxDelayMs: 0,
      maxRetryAfterMs: 0,
    });
  });
});

describe('Retry-After', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  it.each<[string, string | undefined, number | undefined]>([
    ['delta-seconds', '3', 3_000],
    ['an HTTP date, 5 s ahead', 'Wed, 21 Oct 2015 07:28:05 GMT', 5_000],
    ['an HTTP date in the past', 'Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['an empty header', '', undefined],
    ['no header', undefined, undefined],
    ['a fraction of a second', '1.5', undefined],
    ['a date that does not start with a day name', '21 Oct 2015 07:28:05 GMT', undefined],
    ['a date led by a two-letter word', 'Ab 21 Oct 2015 07:28:05 GMT', undefined],
  ])('%s: %j is %s ms', (_what, header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});

describe('sleep', () => {
  it('leaves no abort listener on the signal once it has slept', async () => {
    const controller = new AbortController();
    expect(await sleep(1, controller.signal)).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('resolves true once the time has passed', async () => {
    expect(await sleep(1)).toBe(true);
  });

  it('resolves false at once for a signal already aborted', async () => {
    expect(await sleep(60_000, AbortSignal.abort())).toBe(false);
  });

  it('resolves false when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    expect(await slept).toBe(false);
  });
});

describe('CloudApiError', () => {
  const error = (init: Partial<ConstructorParameters<typeof CloudApiError>[0]> = {}) =>
    new CloudApiError({ vendor: 'huawei', kind: 'service', operationId: 'countBackupShares', message: 'quota exceeded', ...init });

  it.each([
    ['a network failure', { kind: 'network' }, true],
    ['a timeout', { kind: 'timeout' }, true],
    ['429', { kind: 'service', status: 429 }, true],
    ['502', { kind: 'http', status: 502 }, true],
    ['503', { kind: 'http', status: 503 }, true],
    ['504', { kind: 'http', status: 504 }, true],
    ['500', { kind: 'http', status: 500 }, false],
    ['501', { kind: 'http', status: 501 }, false],
    ['505', { kind: 'http', status: 505 }, false],
    ['4290', { kind: 'http', status: 4290 }, false],
    ['an abort', { kind: 'aborted' }, false],
    ['an invalid response', { kind: 'invalid-response', status: 200 }, false],
  ] as const)('%s is retryable: %s', (_what, init, retryable) => {
    expect(error(init).retryable).toBe(retryable);
  });

  it('reads as one line with its facts, without the parts it does not have', () => {
    expect(error({ status: 403, code: 'VBS.0001', requestId: 'r-1' }).toString()).toBe(
      'CloudApiError [huawei service 403 VBS.0001] countBackupShares: quota exceeded (request id r-1)',
    );
    expect(error({ kind: 'network' }).toString()).toBe('CloudApiError [huawei network] countBackupShares: quota exceeded');
  });

  it('serializes its facts and message, one attempt by default, and keeps a cause', () => {
    const cause = new Error('reset');
    const failure = error({ status: 403, cause });
    expect(failure.cause).toBe(cause);
    expect(new CloudApiError({ vendor: 'v', kind: 'http', operationId: 'o', message: 'm' })).not.toHaveProperty('cause');
    expect(JSON.parse(JSON.stringify(failure))).toEqual({
      name: 'CloudApiError',
      vendor: 'huawei',
      kind: 'service',
      operationId: 'countBackupShares',
      status: 403,
      attempts: 1,
      message: 'quota exceeded',
    });
    expect(error({ attempts: 3 }).attempts).toBe(3);
    expect(isCloudApiError(failure)).toBe(true);
    expect(isCloudApiError({ ...failure })).toBe(false);
  });
});

describe('error body readers', () => {
  it.each([
    ['an object', { a: 1 }, { a: 1 }],
    ['null', null, undefined],
    ['a list', [1], undefined],
    ['a string', 'x', undefined],
  ])('asRecord of %s', (_what, given, record) => {
    expect(asRecord(given)).toEqual(record);
  });

  it.each([
    ['a string field', { code: 'X' }, 'X'],
    ['a number field', { code: 1 }, undefined],
    ['no record', undefined, undefined],
  ])('stringField of %s', (_what, record, value) => {
    expect(stringField(record, 'code')).toBe(value);
  });

  it('words an unknown body with its status', () => {
    expect(unknownBodyMessage(502)).toBe('the service answered HTTP 502 without a recognised error body');
  });
});

describe('schema checks a contract cannot show through the clients', () => {
  it.each<[string, unknown, object, string]>([
    ['null where a string is asked', null, { type: 'string' }, 'name must be string, got null'],
    ['an integer where a string is asked', 5, { type: 'string' }, 'name must be string, got integer'],
    ['a string where a number is asked', 'a', { type: 'number' }, 'name must be number, got string'],
    ['a UUID with a prefix', 'x6b1d0b3a-2b8e-4a4e-9e0b-0c2d3e4f5a6b', { type: 'string', format: 'uuid' }, 'name must be a UUID'],
    ['a UUID with a suffix', '6b1d0b3a-2b8e-4a4e-9e0b-0c2d3e4f5a6bx', { type: 'string', format: 'uuid' }, 'name must be a UUID'],
  ])('refuses %s', (_what, value, schema, message) => {
    expect(refusal(() => assertMatchesSchema(value, schema as never, 'name'))).toEqual({ field: 'name', message });
  });

  it.each<[string, unknown, object]>([
    ['a string where string or null is asked', 'a', { type: ['string', 'null'] }],
    ['null where string or null is asked', null, { type: ['string', 'null'] }],
    ['an integer where a number is asked', 3, { type: 'number' }],
  ])('accepts %s', (_what, value, schema) => {
    expect(() => assertMatchesSchema(value, schema as never, 'name')).not.toThrow();
  });
});
