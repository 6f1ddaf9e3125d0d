// Credentials from a provider, against a real server: asked before each attempt (retries and
// page walks included) unless its last answer is still fresh, one refresh shared by concurrent
// calls, a failure reported as a `credentials` result that nothing retries and no rendering of
// which holds a secret; the answers are checked like static credentials.
import { describe, expect, it } from 'vitest';
import { createAlibabaHbrClient } from '../../src/alibaba-hbr/index.js';
import { ClientInputError } from '../../src/core/errors.js';
import { createHuaweiVbsClient } from '../../src/huawei-vbs/index.js';
import {
  ALIBABA_AK,
  ALIBABA_SECRET,
  ALIBABA_STS,
  alibabaStatistics,
  expectNoSecretIn,
  fastRetry,
  HUAWEI_AK,
  HUAWEI_SK,
  HUAWEI_TOKEN,
  PROJECT_ID,
  recomputeHuawei,
  shareItem,
  useScriptedServer,
  wireRequest,
} from './helpers.js';
import { huaweiAuthorization } from '../support/reference-signer.js';

const server = useScriptedServer();
const ok = { status: 200, body: { shared: [shareItem(1)] } };
const unavailable = { status: 503, body: { error_code: 'APIG.0201', error_msg: 'busy', request_id: 'r' } };
const minutes = (n: number) => n * 60_000;

/** A provider that counts its calls and answers `answers` in turn (the last one from then on). */
function countingProvider<T>(...answers: T[]) {
  const provider = Object.assign(
    async () => {
      provider.calls++;
      return answers[Math.min(provider.calls, answers.length) - 1]!;
    },
    { calls: 0 },
  );
  return provider;
}

const huaweiKeys = (expiration?: Date) => ({ accessKeyId: HUAWEI_AK, secretAccessKey: HUAWEI_SK, ...(expiration ? { expiration } : {}) });
const huaweiWith = (provider: () => unknown, extra: object = {}) =>
  createHuaweiVbsClient({
    baseUrl: server.baseUrl,
    projectId: PROJECT_ID,
    retry: fastRetry,
    auth: { type: 'aksk', provider: provider as never, ...extra },
  });

describe('a credentials provider', () => {
  it.each([
    ['without an expiration, it is asked before every attempt, retries included', undefined, 3],
    ['with an expiration an hour away, its answer is kept for the retries', new Date(Date.now() + minutes(60)), 1],
    ['with an expiration 4 minutes away (inside the 5-minute margin), it is asked again each attempt', new Date(Date.now() + minutes(4)), 3],
  ])('%s', async (_what, expiration, asked) => {
    const provider = countingProvider(huaweiKeys(expiration));
    server.reply(unavailable, unavailable, ok);
    const { data } = await huaweiWith(provider).listBackupShareDetails();
    expect(data).toBeDefined();
    expect(provider.calls).toBe(asked);
    for (const request of server.received) expect(request.headers.authorization).toBe(await recomputeHuawei(request));
  });

  it('keeps an answer until refreshMarginMs before its expiration', async () => {
    const provider = countingProvider(huaweiKeys(new Date(Date.now() + minutes(4))));
    server.reply(ok, ok);
    const client = huaweiWith(provider, { refreshMarginMs: minutes(1) });
    await client.listBackupShareDetails();
    await client.listBackupShareDetails();
    expect(provider.calls).toBe(1);
  });

  it('reads an expiration given as an ISO string or as epoch milliseconds', async () => {
    const iso = countingProvider({ ...huaweiKeys(), expiration: new Date(Date.now() + minutes(60)).toISOString() });
    const epoch = countingProvider({ ...huaweiKeys(), expiration: Date.now() + minutes(60) });
    server.reply(ok, ok, ok, ok);
    for (const provider of [iso, epoch]) {
      const client = huaweiWith(provider);
      await client.listBackupShareDetails();
      await client.listBackupShareDetails();
      expect(provider.calls).toBe(1);
    }
  });

  it('signs each page of a walk with the keys the provider gives at that moment', async () => {
    const keys = [
      { accessKeyId: HUAWEI_AK, secretAccessKey: HUAWEI_SK },
      { accessKeyId: 'HUAWEIAKID0000000002', secretAccessKey: 'HwSecret-rotated-DO-NOT-LEAK-2' },
    ];
    const provider = countingProvider(keys[0], keys[1]);
    server.reply({ status: 200, body: { shared: [shareItem(0), shareItem(1)] } }, { status: 200, body: { shared: [shareItem(2)] } });
    const pages = [];
    for await (const page of huaweiWith(provider).pages.listBackupShareDetails({}, { pageSize: 2 })) pages.push(page);
    expect(pages.map((page) => page.error)).toEqual([undefined, undefined]);
    const [first, second] = server.received;
    expect(first!.headers.authorization).toBe(await huaweiAuthorization(wireRequest(first!), keys[0]!.accessKeyId, keys[0]!.secretAccessKey));
    expect(second!.headers.authorization).toBe(await huaweiAuthorization(wireRequest(second!), keys[1]!.accessKeyId, keys[1]!.secretAccessKey));
  });

  it('shares one refresh among 50 concurrent calls', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const provider = async () => {
      calls++;
      await gate;
      return huaweiKeys(new Date(Date.now() + minutes(60)));
    };
    server.reply(...Array.from({ length: 50 }, () => ok));
    const client = huaweiWith(provider);
    const results = Array.from({ length: 50 }, () => client.listBackupShareDetails());
    release();
    const settled = await Promise.all(results);
    expect(settled.filter((result) => result.data).length).toBe(50);
    expect(calls).toBe(1);
    expect(server.received.length).toBe(50);
  });

  it('sends a Huawei security token as X-Security-Token, signed', async () => {
    server.reply(ok);
    await huaweiWith(async () => ({ ...huaweiKeys(), securityToken: HUAWEI_TOKEN })).listBackupShareDetails();
    const [request] = server.received;
    expect(request!.headers['x-security-token']).toBe(HUAWEI_TOKEN);
    expect(request!.headers.authorization).toContain(';x-security-token,');
    expect(request!.headers.authorization).toBe(await recomputeHuawei(request!));
  });

  it.each([
    [
      'the Huawei token auth',
      () => createHuaweiVbsClient({ baseUrl: server.baseUrl, projectId: PROJECT_ID, auth: { type: 'token', provider: async () => ({ token: HUAWEI_TOKEN }) } }),
      'x-auth-token',
      HUAWEI_TOKEN,
    ],
    [
      'the Alibaba ACS3 auth',
      () =>
        createAlibabaHbrClient({
          baseUrl: server.baseUrl,
          auth: { type: 'acs3', provider: () => ({ accessKeyId: ALIBABA_AK, accessKeySecret: ALIBABA_SECRET, securityToken: ALIBABA_STS }) },
        }),
      'x-acs-security-token',
      ALIBABA_STS,
    ],
  ])('works for %s', async (_what, create, header, value) => {
    const client = create() as { listBackupShareDetails?: () => Promise<unknown>; getBasicStatistics?: (input: object) => Promise<unknown> };
    if (client.listBackupShareDetails) {
      server.reply(ok);
      await client.listBackupShareDetails();
    } else {
      server.reply({ status: 200, body: alibabaStatistics });
      await client.getBasicStatistics!({ query: { SourceType: 'ECS_FILE' } });
    }
    expect(server.received[0]!.headers[header]).toBe(value);
  });
});

describe('a failing credentials provider', () => {
  it.each([
    ['throws', () => Promise.reject(new Error('metadata service unreachable')), 'the credentials provider failed', Error],
    ['answers no object', () => undefined, 'the credentials provider failed with unusable credentials: credentials must be an object', ClientInputError],
    [
      'answers a key without its secret',
      () => ({ accessKeyId: HUAWEI_AK }),
      'failed with unusable credentials: secretAccessKey must be a non-empty string',
      ClientInputError,
    ],
    [
      'answers a secret with a trailing newline',
      () => ({ accessKeyId: HUAWEI_AK, secretAccessKey: `${HUAWEI_SK}\n` }),
      'failed with unusable credentials: secretAccessKey must not start or end with whitespace',
      ClientInputError,
    ],
    [
      'answers an unreadable expiration',
      () => ({ ...huaweiKeys(), expiration: 'soon' }),
      'failed with unusable credentials: expiration must be a Date, an ISO 8601 date-time or milliseconds since the epoch',
      ClientInputError,
    ],
  ])('that %s gives a credentials result error, sends nothing and is not retried', async (_what, provider, message, causeType) => {
    let calls = 0;
    const { error, response } = await huaweiWith(() => {
      calls++;
      return provider();
    }).listBackupShareDetails();
    expect(error).toMatchObject({ kind: 'credentials', vendor: 'huawei', operationId: 'listBackupShareDetails', attempts: 1, retryable: false });
    expect(error!.message).toContain(message);
    expect(error!.cause).toBeInstanceOf(causeType);
    expect(response).toBeUndefined();
    expect(calls).toBe(1);
    expect(server.received).toEqual([]);
    expectNoSecretIn(error);
  });

  it('is asked again by the next call', async () => {
    const provider = countingProvider<unknown>(undefined, huaweiKeys());
    server.reply(ok);
    const client = huaweiWith(provider);
    expect((await client.listBackupShareDetails()).error?.kind).toBe('credentials');
    expect((await client.listBackupShareDetails()).error).toBeUndefined();
    expect(provider.calls).toBe(2);
  });

  it('rejects a raw call with the same CloudApiError', async () => {
    const client = huaweiWith(() => Promise.reject(new Error('down')));
    await expect(client.raw.GET('/v2/{project_id}/os-vendor-backup-sharing/detail', { params: { path: { project_id: PROJECT_ID } } })).rejects.toMatchObject({
      name: 'CloudApiError',
      kind: 'credentials',
    });
  });
});

describe('the provider options', () => {
  it.each([
    ['a provider that is not a function', { type: 'aksk', provider: 'keys' }, 'auth.provider'],
    ['a provider beside static fields', { type: 'aksk', provider: () => huaweiKeys(), accessKeyId: HUAWEI_AK }, 'auth.accessKeyId'],
    ['a negative refreshMarginMs', { type: 'aksk', provider: () => huaweiKeys(), refreshMarginMs: -1 }, 'auth.refreshMarginMs'],
  ])('refuses %s, naming the field', (_what, auth, field) => {
    expect(() => createHuaweiVbsClient({ baseUrl: server.baseUrl, projectId: PROJECT_ID, auth: auth as never })).toThrow(
      expect.objectContaining({ name: 'ClientInputError', field }),
    );
  });

  it('still takes static credentials, with a Huawei security token', async () => {
    server.reply(ok);
    const client = createHuaweiVbsClient({
      baseUrl: server.baseUrl,
      projectId: PROJECT_ID,
      auth: { type: 'aksk', accessKeyId: HUAWEI_AK, secretAccessKey: HUAWEI_SK, securityToken: HUAWEI_TOKEN },
    });
    await client.listBackupShareDetails();
    expect(server.received[0]!.headers['x-security-token']).toBe(HUAWEI_TOKEN);
    expect(server.received[0]!.headers.authorization).toBe(await recomputeHuawei(server.received[0]!));
  });
});
