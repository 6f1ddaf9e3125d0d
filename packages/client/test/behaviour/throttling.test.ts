// Throttling as the vendors answer it, against a real server: told by the code whatever the
// status (Alibaba `Throttling*`, Huawei APIG `APIG.0308`), retried for idempotent calls with the
// usual backoff and caps, never for a POST; the wait hints `Retry-After` and Alibaba's
// `x-acs-retry-after` (milliseconds, as the Alibaba runtime reads it) are honoured.
import { describe, expect, it } from 'vitest';
import { CloudApiError } from '../../src/core/errors.js';
import { delayFor, isThrottlingCode, parseAcsRetryAfter, type RetryPolicy, shouldRetry } from '../../src/core/retry-policy.js';
import { alibabaClient, alibabaStatistics, huaweiClient, type Reply, type ScriptedServer, useScriptedServer, validShareBody } from './helpers.js';

const server = useScriptedServer();
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;

const alibabaThrottled = (status: number, code = 'Throttling.User', headers?: Record<string, string>): Reply => ({
  status,
  headers,
  body:
    status === 200
      ? { Success: false, Code: code, RequestId: 'T-1' }
      : { Code: code, Message: 'Request was denied due to user flow control.', RequestId: 'T-1' },
});
const huaweiThrottled = (status: number, headers?: Record<string, string>): Reply => ({
  status,
  headers,
  body: {
    error_code: 'APIG.0308',
    error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second',
    request_id: 'r-t',
  },
});

type Call = (server: ScriptedServer) => Promise<{ data?: unknown; error?: CloudApiError | undefined }>;
const alibabaGet: Call = (s) => alibabaClient(s).getBasicStatistics(statistics);
const alibabaGetV2: Call = (s) => alibabaClient(s, { mode: 'rpc-v2' }).getBasicStatistics(statistics);
const huaweiGet: Call = (s) => huaweiClient(s).countBackupShares();

describe('a throttled idempotent call is sent again, and the second answer returned', () => {
  it.each<[string, { given: { first: Reply; call: Call; answer: Reply } }]>([
    [
      'Alibaba Throttling.User with HTTP 400 (ACS3)',
      { given: { first: alibabaThrottled(400), call: alibabaGet, answer: { status: 200, body: alibabaStatistics } } },
    ],
    [
      'Alibaba Throttling.User with HTTP 400 (RPC V2)',
      { given: { first: alibabaThrottled(400), call: alibabaGetV2, answer: { status: 200, body: alibabaStatistics } } },
    ],
    [
      'Alibaba Throttling.Api with HTTP 503',
      { given: { first: alibabaThrottled(503, 'Throttling.Api'), call: alibabaGet, answer: { status: 200, body: alibabaStatistics } } },
    ],
    [
      'Alibaba plain Throttling with HTTP 429',
      { given: { first: alibabaThrottled(429, 'Throttling'), call: alibabaGet, answer: { status: 200, body: alibabaStatistics } } },
    ],
    [
      'Alibaba 200 with Success: false and Throttling.User',
      { given: { first: alibabaThrottled(200), call: alibabaGet, answer: { status: 200, body: alibabaStatistics } } },
    ],
    ['Huawei APIG.0308 with HTTP 429', { given: { first: huaweiThrottled(429), call: huaweiGet, answer: { status: 200, body: { count: 1 } } } }],
    ['Huawei APIG.0308 with HTTP 400', { given: { first: huaweiThrottled(400), call: huaweiGet, answer: { status: 200, body: { count: 1 } } } }],
  ])('%s', async (_name, { given }) => {
    server.reply(given.first, given.answer);
    const { data, error } = await given.call(server);
    expect(error).toBeUndefined();
    expect(data).toBeDefined();
    expect(server.received).toHaveLength(2);
  });
});

describe('a throttled POST is never sent again', () => {
  it.each<[string, { given: { first: Reply; call: Call }; want: { kind: string; code: string } }]>([
    [
      'Alibaba getBasicStatisticsViaPost answered Throttling.User 400',
      {
        given: { first: alibabaThrottled(400), call: (s) => alibabaClient(s).getBasicStatisticsViaPost(statistics) },
        want: { kind: 'service', code: 'Throttling.User' },
      },
    ],
    [
      'Huawei createBackupShares answered APIG.0308 429',
      {
        given: { first: huaweiThrottled(429), call: (s) => huaweiClient(s).createBackupShares({ body: validShareBody }) },
        want: { kind: 'gateway', code: 'APIG.0308' },
      },
    ],
  ])('%s: one request, the error says it is retryable', async (_name, { given, want }) => {
    server.reply(given.first, { status: 200, body: {} });
    const { error } = await given.call(server);
    expect(error).toMatchObject({ ...want, attempts: 1, retryable: true });
    expect(server.received).toHaveLength(1);
  });
});

describe('throttling keeps the policy’s caps', () => {
  it('throttled on every attempt: three requests, then the error, retryable', async () => {
    server.reply(alibabaThrottled(400), alibabaThrottled(400), alibabaThrottled(400), { status: 200, body: alibabaStatistics });
    const { error } = await alibabaGet(server);
    expect(error).toMatchObject({ kind: 'service', status: 400, code: 'Throttling.User', attempts: 3, retryable: true });
    expect(server.received).toHaveLength(3);
  });

  it('x-acs-retry-after is honoured: a 600 s backoff ceiling is skipped for the 1 ms the service asked', async () => {
    server.reply(alibabaThrottled(400, 'Throttling.User', { 'x-acs-retry-after': '1' }), { status: 200, body: alibabaStatistics });
    const client = alibabaClient(server, { retry: { retries: 1, baseDelayMs: 600_000, maxDelayMs: 600_000 } });
    expect((await client.getBasicStatistics(statistics)).error).toBeUndefined();
    expect(server.received).toHaveLength(2);
  });

  it('an x-acs-retry-after beyond maxRetryAfterMs ends the retries', async () => {
    server.reply(alibabaThrottled(400, 'Throttling.User', { 'x-acs-retry-after': '60000' }), { status: 200, body: alibabaStatistics });
    const client = alibabaClient(server, { retry: { retries: 2, baseDelayMs: 1, maxRetryAfterMs: 1_000 } });
    expect((await client.getBasicStatistics(statistics)).error).toMatchObject({ code: 'Throttling.User', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('Retry-After on a Huawei throttling answer is honoured', async () => {
    server.reply(huaweiThrottled(429, { 'Retry-After': '0' }), { status: 200, body: { count: 1 } });
    const client = huaweiClient(server, { retry: { retries: 1, baseDelayMs: 600_000, maxDelayMs: 600_000 } });
    expect((await client.countBackupShares()).error).toBeUndefined();
    expect(server.received).toHaveLength(2);
  });
});

describe('the policy’s reading of throttling', () => {
  it.each<[string, { given: string | undefined; want: boolean }]>([
    ['Throttling', { given: 'Throttling', want: true }],
    ['Throttling.User', { given: 'Throttling.User', want: true }],
    ['Throttling.Api', { given: 'Throttling.Api', want: true }],
    ['APIG.0308', { given: 'APIG.0308', want: true }],
    ['a code that only starts with the word', { given: 'ThrottlingX', want: false }],
    ['APIG.0301 (bad credentials)', { given: 'APIG.0301', want: false }],
    ['InvalidParameter', { given: 'InvalidParameter', want: false }],
    ['no code', { given: undefined, want: false }],
  ])('%s', (_name, { given, want }) => {
    expect(isThrottlingCode(given)).toBe(want);
    expect(new CloudApiError({ vendor: 'x', kind: 'service', operationId: 'o', message: 'm', status: 400, code: given }).retryable).toBe(want);
  });

  it.each<[string, { given: string | null | undefined; want: number | undefined }]>([
    ['milliseconds', { given: '2000', want: 2_000 }],
    ['with spaces', { given: ' 15 ', want: 15 }],
    ['zero is no hint', { given: '0', want: undefined }],
    ['negative is no hint', { given: '-1', want: undefined }],
    ['garbage is no hint', { given: 'soon', want: undefined }],
    ['empty is no hint', { given: '', want: undefined }],
    ['absent', { given: null, want: undefined }],
  ])('x-acs-retry-after %s', (_name, { given, want }) => {
    expect(parseAcsRetryAfter(given)).toBe(want);
  });

  it('Retry-After wins over x-acs-retry-after when both are sent', () => {
    const policy: RetryPolicy = { retries: 2, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
    const attempt = { method: 'GET', failure: { kind: 'service', status: 400, code: 'Throttling.User' }, attempts: 1, retryAfter: '2', acsRetryAfter: '300' };
    expect(shouldRetry(policy, attempt)).toBe(true);
    expect(delayFor(policy, attempt)).toBe(2_000);
    expect(delayFor(policy, { ...attempt, retryAfter: null })).toBe(300);
  });
});
