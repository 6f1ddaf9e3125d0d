// However an error is logged (String, message, JSON, util.inspect with its cause chain), no
// credential appears in it: for every error kind, with every kind of credential.
import { describe, expect, it } from 'vitest';
import { createAlibabaHbrClient } from '../../src/alibaba-hbr/index.js';
import { CloudApiError, type ErrorKind } from '../../src/core/errors.js';
import { createHuaweiVbsClient } from '../../src/huawei-vbs/index.js';
import {
  ALIBABA_AK,
  ALIBABA_SECRET,
  alibabaClient,
  dropConnection,
  expectNoSecretIn,
  hangingReply,
  HUAWEI_AK,
  HUAWEI_SK,
  huaweiClient,
  PROJECT_ID,
  renderings,
  SECRETS,
  SHORT_TIMEOUT_MS,
  useScriptedServer,
  type Reply,
} from './helpers.js';

const server = useScriptedServer();

type Forced = { reply: Reply | 'hang'; timeoutMs?: number; abort?: boolean };

const huaweiForced: [ErrorKind, Forced][] = [
  ['service', { reply: { status: 404, body: { itemNotFound: { code: 'VolumeBackup.0008', message: 'not found' } }, headers: { 'X-Request-Id': 'r1' } } }],
  ['gateway', { reply: { status: 401, body: { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information', request_id: 'r2' } } }],
  ['http', { reply: { status: 500, body: '<html>error</html>', headers: { 'content-type': 'text/html' } } }],
  ['invalid-response', { reply: { status: 200, body: 'not json' } }],
  ['network', { reply: dropConnection }],
  ['timeout', { reply: 'hang', timeoutMs: SHORT_TIMEOUT_MS }],
  ['aborted', { reply: 'hang', abort: true }],
];

const alibabaForced: [ErrorKind, Forced][] = [
  [
    'service',
    {
      reply: {
        status: 403,
        body: { RequestId: 'R', HostId: 'hbr.cn-hangzhou.aliyuncs.com', Code: 'Forbidden.RAM', Message: 'not authorized', Recommend: 'https://x' },
      },
    },
  ],
  ['unsuccessful', { reply: { status: 200, body: { Success: false, Code: 'InternalError', Message: 'failed' } } }],
  ['http', { reply: { status: 502, body: 'bad gateway', headers: { 'content-type': 'text/plain' } } }],
  ['invalid-response', { reply: { status: 200, body: '<xml/>' } }],
  ['network', { reply: dropConnection }],
  ['timeout', { reply: 'hang', timeoutMs: SHORT_TIMEOUT_MS }],
  ['aborted', { reply: 'hang', abort: true }],
];

type Send = (options: { timeoutMs?: number; signal?: AbortSignal }) => Promise<{ error?: CloudApiError | undefined }>;

/** Forces the error with the server and returns it. */
async function force(forced: Forced, send: Send): Promise<CloudApiError> {
  const controller = new AbortController();
  let arrived: Promise<void> | undefined;
  if (forced.reply === 'hang') {
    const hang = hangingReply();
    server.reply(hang.reply);
    arrived = hang.arrived;
  } else server.reply(forced.reply);
  const pending = send({ ...(forced.timeoutMs ? { timeoutMs: forced.timeoutMs } : {}), signal: controller.signal });
  if (forced.abort) {
    await arrived;
    controller.abort();
  }
  const { error } = await pending;
  await arrived; // no request of this test may still be in flight when the next one starts
  if (!error) throw new Error('expected an error');
  return error;
}

function table<T>(modes: string[], forced: [ErrorKind, Forced][], extra: (mode: string) => T) {
  return modes.flatMap((mode) => forced.map(([kind, given]) => [`${mode}: kind ${kind}`, { given: { ...given, ...extra(mode) }, want: { kind } }] as const));
}

describe('Huawei errors hold no secret', () => {
  it.each(table(['aksk', 'token'], huaweiForced, (mode) => ({ mode: mode as 'aksk' | 'token' })))('%s', async (_name, { given, want }) => {
    const client = huaweiClient(server, { mode: given.mode, retry: false });
    const error = await force(given, (options) => client.countBackupShares({ query: { name: 'n' }, ...options }));
    expect(error.kind).toBe(want.kind);
    expectNoSecretIn(error);
    if (want.kind === 'network') expect(error.cause).toBeDefined();
  });

  it('POST createBackupShares (AK/SK, signed body): a network error holds no secret', async () => {
    server.reply(dropConnection);
    const { error } = await huaweiClient(server).createBackupShares({
      body: { shared: { backup_id: '066b1e37-9305-4057-97e5-2e99b21fc71d', to_project_ids: ['p2'] } },
    });
    expect(error?.kind).toBe('network');
    expectNoSecretIn(error);
  });
});

describe('Alibaba errors hold no secret', () => {
  it.each(
    table(['acs3', 'rpc-v2', 'acs3+sts', 'rpc-v2+sts'], alibabaForced, (mode) => ({
      mode: mode.replace('+sts', '') as 'acs3' | 'rpc-v2',
      sts: mode.endsWith('+sts'),
    })),
  )('%s', async (_name, { given, want }) => {
    const client = alibabaClient(server, { mode: given.mode, sts: given.sts, retry: false });
    const error = await force(given, (options) => client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' }, ...options }));
    expect(error.kind).toBe(want.kind);
    expectNoSecretIn(error);
  });
});

describe('after retries, and aborted while waiting to retry', () => {
  it.each<[string, { given: { replies: Reply[]; alibaba: boolean }; want: { kind: ErrorKind; attempts: number } }]>([
    [
      'Huawei AK/SK: three dropped connections',
      { given: { replies: [dropConnection, dropConnection, dropConnection], alibaba: false }, want: { kind: 'network', attempts: 3 } },
    ],
    [
      'Alibaba ACS3+STS: three 503s',
      {
        given: {
          replies: [
            { status: 503, body: { Code: 'ServiceUnavailable' } },
            { status: 503, body: { Code: 'ServiceUnavailable' } },
            { status: 503, body: { Code: 'ServiceUnavailable' } },
          ],
          alibaba: true,
        },
        want: { kind: 'service', attempts: 3 },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    server.reply(...given.replies);
    const { error } = given.alibaba
      ? await alibabaClient(server, { sts: true }).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } })
      : await huaweiClient(server).countBackupShares();
    expect(error).toMatchObject(want);
    expectNoSecretIn(error);
  });
});

describe('credentials the HTTP stack rejects do not leak through its error message', () => {
  // a token or STS token read from a file or pasted with a stray line break inside; the Headers
  // API refuses it, and its error message quotes the offending value
  const brokenToken = 'MIIToken-DO-NOT-LEAK-part1\r\npart2';
  const brokenSts = 'CAIS-StsToken-DO-NOT-LEAK-part1\npart2';
  it.each<[string, { given: { make: () => { send: () => Promise<unknown> } }; want: { secret: string } }]>([
    [
      'a Huawei token with a line break inside',
      {
        given: {
          make: () => ({
            send: () =>
              createHuaweiVbsClient({
                baseUrl: server.baseUrl,
                projectId: PROJECT_ID,
                auth: { type: 'token', token: brokenToken },
                retry: false,
              }).countBackupShares(),
          }),
        },
        want: { secret: 'DO-NOT-LEAK-part1' },
      },
    ],
    [
      'an Alibaba STS token with a line break inside (ACS3 sends it as a header)',
      {
        given: {
          make: () => ({
            send: () =>
              createAlibabaHbrClient({
                baseUrl: server.baseUrl,
                auth: { type: 'acs3', accessKeyId: ALIBABA_AK, accessKeySecret: ALIBABA_SECRET, securityToken: brokenSts },
                retry: false,
              }).getBasicStatistics({
                query: { SourceType: 'ECS_FILE' },
              }),
          }),
        },
        want: { secret: 'DO-NOT-LEAK-part1' },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    let outcome: unknown;
    try {
      outcome = await given.make().send();
    } catch (thrown) {
      outcome = { thrown };
    }
    // whether it is thrown as misuse or returned as an error, nothing may quote the credential
    const error = (outcome as { error?: unknown; thrown?: unknown }).error ?? (outcome as { thrown?: unknown }).thrown;
    expect(error).toBeDefined();
    for (const [how, text] of Object.entries(renderings(error))) expect(text.includes(want.secret), `${how}: ${text}`).toBe(false);
  });
});

it('the secrets used above are distinctive enough to be found if they leaked', () => {
  // guards the scanner itself: a rendering that does contain a secret is caught
  const leaky = new CloudApiError({ vendor: 'huawei', kind: 'network', operationId: 'x', message: `boom ${HUAWEI_SK}` });
  expect(Object.values(renderings(leaky)).every((text) => text.includes(HUAWEI_SK))).toBe(true);
  expect(SECRETS).toContain(HUAWEI_SK);
  expect(HUAWEI_AK).not.toContain(HUAWEI_SK);
});

describe('results hold no secret either', () => {
  // an RPC V2 call carries its signature, key id and STS token in the query: a result's response
  // must not hand that URL on
  it.each<[string, { given: { mode: 'acs3' | 'rpc-v2'; reply: Reply } }]>([
    ['RPC V2 + STS, a success', { given: { mode: 'rpc-v2', reply: { status: 200, body: { RequestId: 'R', Success: true, Data: {} } } } }],
    ['RPC V2 + STS, a service error', { given: { mode: 'rpc-v2', reply: { status: 403, body: { RequestId: 'R', Code: 'Forbidden.RAM', Message: 'no' } } } }],
    ['ACS3 + STS, a success', { given: { mode: 'acs3', reply: { status: 200, body: { RequestId: 'R', Success: true, Data: {} } } } }],
  ])('%s', async (_name, { given }) => {
    server.reply(given.reply);
    const result = await alibabaClient(server, { mode: given.mode, sts: true, retry: false }).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    expect(result.response?.url).toBe('');
    expectNoSecretIn(result, [...SECRETS, 'Signature=', 'SecurityToken=', ALIBABA_AK]);
  });
});
