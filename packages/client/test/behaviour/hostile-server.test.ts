// The client against servers that misbehave on purpose: redirects to a second server that
// records what reaches it, bodies that stall, reset or never end, and 2xx answers that break
// the contract. Every outcome is a typed result; nothing credential-bearing leaves the origin.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CloudApiError } from '../../src/core/errors.js';
import {
  ALIBABA_STS,
  alibabaClient,
  alibabaStatistics,
  fastRetry,
  HUAWEI_TOKEN,
  huaweiClient,
  SECRETS,
  SHORT_TIMEOUT_MS,
  useScriptedServer,
  validShareBody,
  type ReceivedRequest,
} from './helpers.js';

const server = useScriptedServer();
const elsewhere = useScriptedServer();

const statistics = { query: { SourceType: 'ECS_FILE' } } as const;
type Call = () => Promise<{ error?: unknown }>;

/** One client call per auth type, each carrying its credential on the way out. */
const callers: [string, () => Call][] = [
  ['huawei token, GET', () => () => huaweiClient(server, { mode: 'token' }).countBackupShares()],
  ['huawei token, POST', () => () => huaweiClient(server, { mode: 'token' }).createBackupShares({ body: validShareBody })],
  ['huawei aksk, GET', () => () => huaweiClient(server, { mode: 'aksk' }).countBackupShares()],
  ['alibaba acs3 with STS, POST', () => () => alibabaClient(server, { mode: 'acs3', sts: true }).getBasicStatisticsViaPost(statistics)],
  ['alibaba rpc-v2 with STS, GET', () => () => alibabaClient(server, { mode: 'rpc-v2', sts: true }).getBasicStatistics(statistics)],
];
const redirects = [301, 302, 303, 307, 308];

describe('redirects are refused, never followed', () => {
  it.each(redirects.flatMap((status) => callers.map(([who, call]) => [status, who, call] as const)))(
    '%i for %s: a typed redirect error, and the second server receives nothing',
    async (status, _who, call) => {
      server.reply({ status, headers: { location: `${elsewhere.baseUrl}/landing?Signature=echoed-signature` } });
      const { error } = await call()();
      expect(error).toBeInstanceOf(CloudApiError);
      expect(error).toMatchObject({ kind: 'redirect', status, redirectTo: elsewhere.baseUrl, attempts: 1 });
      expect(elsewhere.received).toHaveLength(0);
      // only the origin is kept: the echoed query never lands in the error
      expect(JSON.stringify(error)).not.toContain('echoed-signature');
      for (const secret of SECRETS) expect(`${JSON.stringify(error)} ${(error as Error).stack}`).not.toContain(secret);
    },
  );

  it('a same-origin redirect is refused too', async () => {
    server.reply({ status: 302, headers: { location: '/v2/other' } });
    const { error } = await huaweiClient(server, { mode: 'token' }).countBackupShares();
    expect(error).toMatchObject({ kind: 'redirect', status: 302, redirectTo: server.baseUrl });
    expect(server.received).toHaveLength(1);
  });

  it.each(redirects)('the raw client refuses a %i with a CloudApiError, and the second server receives nothing', async (status) => {
    server.reply({ status, headers: { location: `${elsewhere.baseUrl}/landing` } });
    const raw = huaweiClient(server, { mode: 'token' }).raw;
    const call = raw.GET('/v2/{project_id}/os-vendor-backup-sharing/count', { params: { path: { project_id: 'p' } } });
    await expect(call).rejects.toMatchObject({ name: 'CloudApiError', kind: 'redirect', status, redirectTo: elsewhere.baseUrl, operationId: 'raw' });
    expect(elsewhere.received).toHaveLength(0);
    expect(server.received[0]!.headers['x-auth-token']).toBe(HUAWEI_TOKEN);
  });
});

/** Sends the status line, headers and part of a JSON body, then does `then` with the response. */
const partialBody =
  (then: (response: ServerResponse) => void) =>
  (_request: ReceivedRequest, response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    response.write('{"count": ');
    then(response);
  };

describe('a failure while the body arrives is a typed result, retried when the call is idempotent', () => {
  it('a body that stalls past the timeout is a timeout; the GET is retried and succeeds', async () => {
    server.reply(
      partialBody(() => undefined),
      { status: 200, body: { count: 3 } },
    );
    const { data, error } = await huaweiClient(server, { timeoutMs: SHORT_TIMEOUT_MS }).countBackupShares();
    expect(error).toBeUndefined();
    expect(data).toEqual({ count: 3 });
    expect(server.received).toHaveLength(2);
  });

  it('a body that stalls on every attempt ends as a timeout after the retries', async () => {
    server.reply(...Array.from({ length: 3 }, () => partialBody(() => undefined)));
    const { error } = await huaweiClient(server, { timeoutMs: SHORT_TIMEOUT_MS }).countBackupShares();
    expect(error).toMatchObject({ kind: 'timeout', attempts: 3 });
  });

  it("a caller's own fetch is handed the attempt's signal in init, so a stall still ends as a timeout", async () => {
    server.reply(...Array.from({ length: 3 }, () => partialBody(() => undefined)));
    const signals: (AbortSignal | null | undefined)[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      signals.push(init?.signal);
      return globalThis.fetch(input, init);
    };
    const { error } = await huaweiClient(server, { timeoutMs: SHORT_TIMEOUT_MS, fetch }).countBackupShares();
    expect(error).toMatchObject({ kind: 'timeout', attempts: 3 });
    expect(signals).toHaveLength(3);
    expect(signals.every((signal) => signal?.aborted)).toBe(true);
  });

  it('a connection reset mid-body is a network failure; the GET is retried and succeeds', async () => {
    server.reply(
      partialBody((response) => response.socket?.destroy()),
      { status: 200, body: { count: 3 } },
    );
    const { data, error } = await huaweiClient(server).countBackupShares();
    expect(error).toBeUndefined();
    expect(data).toEqual({ count: 3 });
    expect(server.received).toHaveLength(2);
  });

  it('a connection reset mid-body on a POST is a network failure, never sent twice', async () => {
    server.reply(partialBody((response) => response.socket?.destroy()));
    const { error } = await huaweiClient(server).createBackupShares({ body: validShareBody });
    expect(error).toMatchObject({ kind: 'network', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('an abort by the caller mid-body is aborted, not retried', async () => {
    const controller = new AbortController();
    server.reply(partialBody(() => setTimeout(() => controller.abort(new Error('caller gave up')), 50)));
    const { error } = await huaweiClient(server).countBackupShares({ signal: controller.signal });
    expect(error).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });
});

/** A body that never ends: chunks until the client hangs up. */
function endlessBody(_request: ReceivedRequest, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = `"${'x'.repeat(64 * 1024)}",`;
  response.write('[');
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump);
  };
  response.on('close', () => response.removeAllListeners('drain'));
  pump();
}

describe('maxResponseBytes', () => {
  it('a declared length over the cap is refused unread', async () => {
    server.reply({ status: 500, body: 'x'.repeat(300_000) });
    const { error } = await huaweiClient(server, { maxResponseBytes: 100_000, retry: false }).countBackupShares();
    expect(error).toMatchObject({ kind: 'invalid-response', status: 500 });
    expect((error as Error).message).toContain('maxResponseBytes (100000 bytes)');
  });

  it('a body that never ends is cut at the cap instead of filling memory', async () => {
    server.reply(endlessBody);
    const { error } = await huaweiClient(server, { maxResponseBytes: 1_000_000 }).countBackupShares();
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, attempts: 1 });
  });

  // a count body padded with JSON whitespace to an exact length, sent in two chunks
  const countBodyOf = (bytes: number) => `{"count":3}${' '.repeat(bytes - 11)}`;
  const inTwoChunks =
    (text: string) =>
    (_request: ReceivedRequest, response: ServerResponse): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(text.slice(0, 5));
      setTimeout(() => response.end(text.slice(5)), 20);
    };

  it.each([
    ['exactly the cap is read whole, its chunks joined', 64, 64, { data: { count: 3 } }],
    ['one byte over the cap is refused', 65, 64, { error: { kind: 'invalid-response', status: 200 } }],
  ])('a body of %s', async (_what, bytes, cap, expected) => {
    server.reply(inTwoChunks(countBodyOf(bytes)));
    const result = await huaweiClient(server, { maxResponseBytes: cap, retry: false }).countBackupShares();
    expect(result).toMatchObject(expected);
  });

  it.each([0, -1, 1.5, '1000', Number.NaN])('maxResponseBytes %s is a ClientInputError', (value) => {
    expect(() => huaweiClient(server, { maxResponseBytes: value as number })).toThrow(
      expect.objectContaining({ name: 'ClientInputError', field: 'maxResponseBytes' }),
    );
  });
});

describe('a 2xx that breaks the contract is invalid-response', () => {
  it.each([
    ['an empty 200 where the contract promises a body', { status: 200, body: '' }, /the 200 response has no body/],
    ['a 200 without a required field', { status: 200, body: { total: 3 } }, /does not match the contract: body\.count is required/],
    ['a 200 whose body is not an object', { status: 200, body: [3] }, /does not match the contract: body must be object, got array/],
  ] as const)('%s', async (_what, reply, message) => {
    server.reply(reply);
    const { data, error } = await huaweiClient(server, { retry: false }).countBackupShares();
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200 });
    expect((error as Error).message).toMatch(message);
  });

  it('an Alibaba 200 with Success: false stays unsuccessful, not invalid-response', async () => {
    server.reply({ status: 200, body: { RequestId: 'r', Success: false, Code: 'InternalError', Message: 'no' } });
    const { error } = await alibabaClient(server).getBasicStatistics(statistics);
    expect(error).toMatchObject({ kind: 'unsuccessful', code: 'InternalError' });
  });

  it('an Alibaba 200 with Success: false and no Message says so in its own words', async () => {
    server.reply({ status: 200, body: { RequestId: 'r', Success: false, Code: 'InternalError' } });
    const { error } = await alibabaClient(server).getBasicStatistics(statistics);
    expect(error).toMatchObject({ kind: 'unsuccessful', code: 'InternalError', message: 'the service answered 200 with Success: false' });
  });

  it('an Alibaba 200 whose body is not an object is invalid-response', async () => {
    server.reply({ status: 200, body: [3] });
    const { data, error } = await alibabaClient(server).getBasicStatistics(statistics);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({
      kind: 'invalid-response',
      status: 200,
      message: expect.stringMatching(/does not match the contract: body must be object, got array/),
    });
  });

  it('a valid 200 still succeeds', async () => {
    server.reply({ status: 200, body: alibabaStatistics });
    const { data, error } = await alibabaClient(server).getBasicStatistics(statistics);
    expect(error).toBeUndefined();
    expect(data).toEqual(alibabaStatistics);
  });
});

describe('timer values are clamped to what a timer holds', () => {
  it.each([1e10, 2 ** 31 + 5])('timeoutMs %d neither throws nor fires at once', async (timeoutMs) => {
    server.reply({ status: 200, body: { count: 3 }, delayMs: 50 });
    const { data, error } = await huaweiClient(server, { timeoutMs }).countBackupShares();
    expect(error).toBeUndefined();
    expect(data).toEqual({ count: 3 });
  });

  it('a huge Retry-After under a huge maxRetryAfterMs waits (until aborted) instead of retrying at once', async () => {
    server.reply({ status: 503, body: { error_code: 'APIG.0201', error_msg: 'busy', request_id: 'r' }, headers: { 'retry-after': '99999999999' } });
    const signal = AbortSignal.timeout(300);
    const { error } = await huaweiClient(server, { retry: { ...fastRetry, maxRetryAfterMs: 1e15 } }).countBackupShares({ signal });
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(server.received).toHaveLength(1);
  });
});

it('an STS token is never sent to the redirect target, even by the raw client of an RPC V2 client', async () => {
  server.reply({ status: 307, headers: { location: `${elsewhere.baseUrl}/` } });
  const raw = alibabaClient(server, { mode: 'rpc-v2', sts: true }).raw;
  await expect(
    raw.GET('/', { params: { query: { Action: 'GetBasicStatistics', Version: '2017-09-08', SourceType: 'ECS_FILE' } } } as never),
  ).rejects.toMatchObject({ kind: 'redirect' });
  expect(elsewhere.received).toHaveLength(0);
  expect(server.received[0]!.url.searchParams.get('SecurityToken')).toBe(ALIBABA_STS);
});

it.each(['acs3', 'rpc-v2'] as const)('%s keeps the path prefix of baseUrl (a proxy mounted below /)', async (mode) => {
  server.reply({ status: 200, body: alibabaStatistics });
  const { error } = await alibabaClient(server, { mode, baseUrl: `${server.baseUrl}/hbr-proxy` }).getBasicStatistics(statistics);
  expect(error).toBeUndefined();
  expect(server.received[0]!.url.pathname).toBe('/hbr-proxy/');
});
