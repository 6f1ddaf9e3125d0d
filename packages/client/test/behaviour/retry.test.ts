// Retries against a real server: idempotent calls that may pass on a second try are sent again
// (each attempt signed anew); POSTs and client errors are not; Retry-After and abort are honoured.
import { describe, expect, it } from 'vitest';
import { CloudApiError } from '../../src/core/errors.js';
import { delayFor, parseRetryAfter, type RetryPolicy, shouldRetry } from '../../src/core/retry-policy.js';
import {
  alibabaClient,
  alibabaStatistics,
  dropConnection,
  fastRetry,
  hangingReply,
  huaweiClient,
  recomputeAcs3,
  recomputeHuawei,
  recomputeRpcV2,
  SHORT_TIMEOUT_MS,
  useScriptedServer,
  validShareBody,
  type Reply,
  type ScriptedServer,
} from './helpers.js';

const server = useScriptedServer();

const ok = { status: 200, body: { count: 3 } } as const;
const unavailable = { status: 503, body: { error_code: 'APIG.0201', error_msg: 'Backend unavailable', request_id: 'r-503' } } as const;
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;

describe('idempotent calls are retried on failures that may pass on a second try', () => {
  it.each<[string, { given: { first: Reply }; want: { requests: number } }]>([
    ['503 then 200 succeeds on the second request', { given: { first: unavailable }, want: { requests: 2 } }],
    [
      '429 then 200 succeeds on the second request',
      { given: { first: { status: 429, body: { error_code: 'APIG.0308', error_msg: 'throttled', request_id: 'r' } } }, want: { requests: 2 } },
    ],
    ['502 then 200 succeeds on the second request', { given: { first: { status: 502, body: '<html>bad gateway</html>' } }, want: { requests: 2 } }],
    ['504 then 200 succeeds on the second request', { given: { first: { status: 504, body: '' } }, want: { requests: 2 } }],
    ['a dropped connection then 200 succeeds on the second request', { given: { first: dropConnection }, want: { requests: 2 } }],
  ])('GET countBackupShares: %s', async (_name, { given, want }) => {
    server.reply(given.first, ok);
    const result = await huaweiClient(server).countBackupShares();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ count: 3 });
    expect(server.received).toHaveLength(want.requests);
  });

  it('DELETE cancelBackupShare (idempotent) 503 then 200 is retried', async () => {
    server.reply(unavailable, { status: 200 });
    const result = await huaweiClient(server).cancelBackupShare({ path: { shared_id: 'abc' } });
    expect(result.error).toBeUndefined();
    expect(server.received.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it.each(['acs3', 'rpc-v2'] as const)('Alibaba GET getBasicStatistics (%s) 503 then 200 is retried', async (mode) => {
    server.reply({ status: 503, body: { Code: 'ServiceUnavailable', Message: 'busy', RequestId: 'x' } }, { status: 200, body: alibabaStatistics });
    const result = await alibabaClient(server, { mode }).getBasicStatistics(statistics);
    expect(result.error).toBeUndefined();
    expect(server.received).toHaveLength(2);
  });
});

describe('what is not retried', () => {
  type Call = (server: ScriptedServer) => Promise<{ error?: CloudApiError | undefined }>;
  it.each<[string, { given: { replies: Reply[]; call: Call }; want: { kind: string; status?: number } }]>([
    [
      'a POST createBackupShares answered 503',
      {
        given: { replies: [unavailable, ok], call: (s) => huaweiClient(s).createBackupShares({ body: validShareBody }) },
        want: { kind: 'gateway', status: 503 },
      },
    ],
    [
      'a POST createBackupShares whose connection dropped',
      { given: { replies: [dropConnection, ok], call: (s) => huaweiClient(s).createBackupShares({ body: validShareBody }) }, want: { kind: 'network' } },
    ],
    [
      'a POST getBasicStatisticsViaPost answered 503 (acs3)',
      {
        given: {
          replies: [{ status: 503, body: { Code: 'ServiceUnavailable', Message: 'busy' } }, ok],
          call: (s) => alibabaClient(s).getBasicStatisticsViaPost(statistics),
        },
        want: { kind: 'service', status: 503 },
      },
    ],
    [
      'a POST getBasicStatisticsViaPost answered 503 (rpc-v2)',
      {
        given: {
          replies: [{ status: 503, body: { Code: 'ServiceUnavailable', Message: 'busy' } }, ok],
          call: (s) => alibabaClient(s, { mode: 'rpc-v2' }).getBasicStatisticsViaPost(statistics),
        },
        want: { kind: 'service', status: 503 },
      },
    ],
    [
      'a GET answered 400',
      {
        given: {
          replies: [{ status: 400, body: { badRequest: { code: 'VolumeBackup.0002', message: 'bad' } } }, ok],
          call: (s) => huaweiClient(s).countBackupShares(),
        },
        want: { kind: 'service', status: 400 },
      },
    ],
    [
      'a GET answered 404',
      {
        given: {
          replies: [{ status: 404, body: { itemNotFound: { code: 'VolumeBackup.0008', message: 'gone' } } }, ok],
          call: (s) => huaweiClient(s).getBackupShare({ path: { shared_id: 'x' } }),
        },
        want: { kind: 'service', status: 404 },
      },
    ],
    [
      'a GET answered 500',
      { given: { replies: [{ status: 500, body: 'oops' }, ok], call: (s) => huaweiClient(s).countBackupShares() }, want: { kind: 'http', status: 500 } },
    ],
    [
      'an Alibaba 200 with Success: false and a code that is not throttling',
      {
        given: {
          replies: [{ status: 200, body: { Success: false, Code: 'InvalidParameter' } }, ok],
          call: (s) => alibabaClient(s).getBasicStatistics(statistics),
        },
        want: { kind: 'unsuccessful', status: 200 },
      },
    ],
    [
      'a GET on a client built with retry: false',
      { given: { replies: [unavailable, ok], call: (s) => huaweiClient(s, { retry: false }).countBackupShares() }, want: { kind: 'gateway', status: 503 } },
    ],
    [
      'a GET called with retry: false',
      { given: { replies: [unavailable, ok], call: (s) => huaweiClient(s).countBackupShares({ retry: false }) }, want: { kind: 'gateway', status: 503 } },
    ],
    [
      'a GET whose Retry-After exceeds maxRetryAfterMs',
      {
        given: {
          replies: [{ ...unavailable, headers: { 'Retry-After': '120' } }, ok],
          call: (s) => huaweiClient(s, { retry: { ...fastRetry, maxRetryAfterMs: 1_000 } }).countBackupShares(),
        },
        want: { kind: 'gateway', status: 503 },
      },
    ],
  ])('%s: exactly one request, the error returned', async (_name, { given, want }) => {
    server.reply(...given.replies);
    const { error } = await given.call(server);
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ ...want, attempts: 1 });
    expect(server.received).toHaveLength(1);
  });
});

it('a GET timing out is retried, and a second attempt that answers in time succeeds', async () => {
  const hang = hangingReply();
  server.reply(hang.reply, ok);
  const { data, error } = await huaweiClient(server, { timeoutMs: SHORT_TIMEOUT_MS }).countBackupShares();
  await hang.arrived;
  expect(error).toBeUndefined();
  expect(data).toEqual({ count: 3 });
  expect(server.received).toHaveLength(2);
});

it('a POST timing out is not retried: exactly one request, the error returned', async () => {
  const hang = hangingReply();
  server.reply(hang.reply, ok);
  const { error } = await huaweiClient(server, { timeoutMs: SHORT_TIMEOUT_MS }).createBackupShares({ body: validShareBody });
  await hang.arrived;
  expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
  expect(server.received).toHaveLength(1);
});

describe('the retry policy', () => {
  it('retries: 1 caps the attempts at 2 and reports attempts === 2', async () => {
    server.reply(unavailable, unavailable, ok);
    const { error } = await huaweiClient(server, { retry: { retries: 1, baseDelayMs: 1 } }).countBackupShares();
    expect(error).toMatchObject({ kind: 'gateway', status: 503, attempts: 2 });
    expect(server.received).toHaveLength(2);
  });

  it('the default policy makes 3 attempts in all', async () => {
    server.reply(unavailable, unavailable, unavailable, ok);
    const { error } = await huaweiClient(server, { retry: { baseDelayMs: 1 } }).countBackupShares();
    expect(error?.attempts).toBe(3);
    expect(server.received).toHaveLength(3);
  });

  it('per-call retry options override the client’s', async () => {
    server.reply(unavailable, unavailable, ok);
    const { error } = await huaweiClient(server, { retry: false }).countBackupShares({ retry: { retries: 2, baseDelayMs: 1 } });
    expect(error).toBeUndefined();
    expect(server.received).toHaveLength(3);
  });

  it('Retry-After: 0 is honoured (the long backoff the policy would choose is skipped)', async () => {
    server.reply({ ...unavailable, headers: { 'Retry-After': '0' } }, ok);
    // a backoff ceiling far beyond the test timeout: only honouring Retry-After finishes in time
    const client = huaweiClient(server, { retry: { retries: 1, baseDelayMs: 600_000, maxDelayMs: 600_000 } });
    const result = await client.countBackupShares();
    expect(result.error).toBeUndefined();
    expect(server.received).toHaveLength(2);
  });

  it('an HTTP-date Retry-After in the past retries at once', async () => {
    server.reply({ ...unavailable, headers: { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' } }, ok);
    const client = huaweiClient(server, { retry: { retries: 1, baseDelayMs: 600_000, maxDelayMs: 600_000 } });
    expect((await client.countBackupShares()).error).toBeUndefined();
    expect(server.received).toHaveLength(2);
  });

  it('aborting during the backoff wait returns kind aborted without another request', async () => {
    const controller = new AbortController();
    // the backoff wait is the one place that listens for the caller's abort itself: noticing
    // that listener tells the test the client is now waiting, without guessing a delay
    const waiting = new Promise<void>((resolve) => {
      const signal = controller.signal;
      const add = signal.addEventListener.bind(signal);
      signal.addEventListener = ((type: string, ...rest: [EventListenerOrEventListenerObject, AddEventListenerOptions?]) => {
        add(type, ...rest);
        if (type === 'abort') resolve();
      }) as typeof signal.addEventListener;
    });
    server.reply({ ...unavailable, headers: { 'Retry-After': '600' } }, ok);
    const client = huaweiClient(server, { retry: { retries: 1, maxRetryAfterMs: 600_000 } });
    const pending = client.countBackupShares({ signal: controller.signal });
    await waiting;
    controller.abort();
    // a 600 s wait that ignored the abort would run past the test timeout
    const { error } = await pending;
    expect(error).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(error?.message).toMatch(/waiting to retry/);
    expect(server.received).toHaveLength(1);
  });

  it('a signal aborted before the call sends no request and is kind aborted, not retried', async () => {
    const controller = new AbortController();
    controller.abort();
    server.reply(ok);
    const { error } = await huaweiClient(server).countBackupShares({ signal: controller.signal });
    expect(error).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(server.received).toHaveLength(0);
  });
});

describe('each retried attempt is signed anew', () => {
  it('Huawei AK/SK: both attempts carry an Authorization that verifies', async () => {
    server.reply(unavailable, ok);
    expect((await huaweiClient(server).countBackupShares({ query: { name: 'nightly db' } })).error).toBeUndefined();
    expect(server.received).toHaveLength(2);
    for (const request of server.received) expect(await recomputeHuawei(request)).toBe(request.headers.authorization);
  });

  it('Alibaba ACS3: both attempts verify and use different nonces', async () => {
    server.reply({ status: 503, body: { Code: 'ServiceUnavailable' } }, { status: 200, body: alibabaStatistics });
    expect((await alibabaClient(server).getBasicStatistics(statistics)).error).toBeUndefined();
    const [first, second] = server.received;
    for (const request of [first!, second!]) expect(await recomputeAcs3(request)).toBe(request.headers.authorization);
    expect(first!.headers['x-acs-signature-nonce']).not.toBe(second!.headers['x-acs-signature-nonce']);
  });

  it('Alibaba RPC V2: both attempts verify and use different nonces', async () => {
    server.reply(dropConnection, { status: 200, body: alibabaStatistics });
    expect((await alibabaClient(server, { mode: 'rpc-v2' }).getBasicStatistics(statistics)).error).toBeUndefined();
    const [first, second] = server.received;
    for (const request of [first!, second!]) expect(await recomputeRpcV2(request)).toBe(request.url.searchParams.get('Signature'));
    expect(first!.url.searchParams.get('SignatureNonce')).not.toBe(second!.url.searchParams.get('SignatureNonce'));
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it.each<[string, { given: string | null | undefined; want: number | undefined }]>([
    ['delta-seconds', { given: '3', want: 3_000 }],
    ['zero seconds', { given: '0', want: 0 }],
    ['seconds with surrounding spaces', { given: ' 5 ', want: 5_000 }],
    ['an HTTP date 10 s ahead', { given: 'Wed, 01 May 2024 12:00:10 GMT', want: 10_000 }],
    ['an HTTP date in the past is 0', { given: 'Wed, 01 May 2024 11:00:00 GMT', want: 0 }],
    ['garbage', { given: 'soon', want: undefined }],
    ['a number with a unit', { given: '120s', want: undefined }],
    ['a fractional number (not delta-seconds)', { given: '1.5', want: undefined }],
    ['a negative number', { given: '-1', want: undefined }],
    ['the empty string', { given: '', want: undefined }],
    ['null (no header)', { given: null, want: undefined }],
    ['undefined', { given: undefined, want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});

describe('the retry decision: shouldRetry, then delayFor', () => {
  const policy: RetryPolicy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
  const errorWith = (init: { kind: 'http' | 'network' | 'timeout' | 'service' | 'redirect'; status?: number }) =>
    new CloudApiError({ vendor: 'huawei', operationId: 'countBackupShares', message: 'm', ...init });
  const e503 = errorWith({ kind: 'http', status: 503 });
  it.each<
    [string, { given: { policy?: RetryPolicy; attempts: number; error: CloudApiError; retryAfter?: string | null; random: number }; want: number | undefined }]
  >([
    ['first retry: random share of baseDelayMs', { given: { attempts: 1, error: e503, random: 0.5 }, want: 50 }],
    ['second retry: the ceiling doubles', { given: { attempts: 2, error: e503, random: 0.5 }, want: 100 }],
    ['third retry: doubles again', { given: { attempts: 3, error: e503, random: 0.25 }, want: 100 }],
    ['random 0 waits 0', { given: { attempts: 1, error: e503, random: 0 }, want: 0 }],
    ['the ceiling is capped at maxDelayMs', { given: { policy: { ...policy, retries: 10 }, attempts: 8, error: e503, random: 0.5 }, want: 500 }],
    ['no retry once attempts exceed retries', { given: { attempts: 4, error: e503, random: 0.5 }, want: undefined }],
    ['no retry for a 404', { given: { attempts: 1, error: errorWith({ kind: 'service', status: 404 }), random: 0.5 }, want: undefined }],
    ['no retry for a 500', { given: { attempts: 1, error: errorWith({ kind: 'http', status: 500 }), random: 0.5 }, want: undefined }],
    ['a timeout is retried', { given: { attempts: 1, error: errorWith({ kind: 'timeout' }), random: 0.5 }, want: 50 }],
    ['a redirect is never retried', { given: { attempts: 1, error: errorWith({ kind: 'redirect', status: 302 }), random: 0.5 }, want: undefined }],
    ['a network error is retried', { given: { attempts: 1, error: errorWith({ kind: 'network' }), random: 1 / 2 }, want: 50 }],
    ['429 is retried', { given: { attempts: 1, error: errorWith({ kind: 'service', status: 429 }), random: 0.5 }, want: 50 }],
    ['Retry-After seconds win over the backoff', { given: { attempts: 1, error: e503, retryAfter: '2', random: 0.5 }, want: 2_000 }],
    ['Retry-After at maxRetryAfterMs is still honoured', { given: { attempts: 1, error: e503, retryAfter: '5', random: 0.5 }, want: 5_000 }],
    ['Retry-After above maxRetryAfterMs stops', { given: { attempts: 1, error: e503, retryAfter: '6', random: 0.5 }, want: undefined }],
    ['unreadable Retry-After falls back to the backoff', { given: { attempts: 1, error: e503, retryAfter: 'later', random: 0.5 }, want: 50 }],
    ['Retry-After does not extend the retries', { given: { attempts: 4, error: e503, retryAfter: '0', random: 0.5 }, want: undefined }],
  ])('%s', (_name, { given, want }) => {
    const used = given.policy ?? policy;
    const attempt = { method: 'GET', failure: given.error, attempts: given.attempts, retryAfter: given.retryAfter };
    expect(shouldRetry(used, attempt) ? delayFor(used, attempt, () => given.random) : undefined).toBe(want);
  });

  it.each([
    ['GET', true],
    ['HEAD', true],
    ['OPTIONS', true],
    ['PUT', true],
    ['DELETE', true],
    ['POST', false],
    ['PATCH', false],
  ])('a %s is retried: %s (only idempotent methods are sent twice)', (method, retried) => {
    expect(shouldRetry(policy, { method, failure: e503, attempts: 1 })).toBe(retried);
  });

  it('the error type answers retryable from the same classification', () => {
    for (const error of [e503, errorWith({ kind: 'network' }), errorWith({ kind: 'service', status: 404 }), errorWith({ kind: 'redirect', status: 302 })])
      expect(error.retryable).toBe(shouldRetry(policy, { method: 'GET', failure: error, attempts: 1 }));
  });
});
