// Misuse is thrown, not returned: a ClientInputError (a TypeError) whose `field` and message
// name what is wrong, before anything is sent, and without echoing a credential.
import { describe, expect, it } from 'vitest';
import { createAlibabaHbrClient } from '../../src/alibaba-hbr/index.js';
import { ClientInputError } from '../../src/core/errors.js';
import { createHuaweiVbsClient } from '../../src/huawei-vbs/index.js';
import {
  ALIBABA_AK,
  ALIBABA_SECRET,
  alibabaClient,
  BACKUP_ID,
  expectNoSecretIn,
  HUAWEI_AK,
  HUAWEI_SK,
  HUAWEI_TOKEN,
  huaweiClient,
  PROJECT_ID,
  type ReceivedRequest,
  useScriptedServer,
  validShareBody,
} from './helpers.js';

const server = useScriptedServer();

const aksk = { type: 'aksk', accessKeyId: HUAWEI_AK, secretAccessKey: HUAWEI_SK } as const;
const acs3 = { type: 'acs3', accessKeyId: ALIBABA_AK, accessKeySecret: ALIBABA_SECRET } as const;

interface Want {
  field: string;
  /** besides the field, the message must match this */
  says?: RegExp;
}

/** Runs `act`, expecting a ClientInputError; checks field, message, secrets, and that nothing was sent. */
async function expectInputError(act: () => unknown, want: Want): Promise<void> {
  let thrown: unknown;
  try {
    await act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ClientInputError);
  expect(thrown).toBeInstanceOf(TypeError);
  const error = thrown as ClientInputError;
  expect(error.name).toBe('ClientInputError');
  expect(error.field).toBe(want.field);
  expect(error.message).toContain(want.field);
  if (want.says) expect(error.message).toMatch(want.says);
  expectNoSecretIn(error);
  expect(server.received).toHaveLength(0);
}

// the options as a caller might build them untyped (from config), so misuse reaches runtime
type Loose = Record<string, unknown>;
const huawei = (options: Loose) => () => createHuaweiVbsClient(options as never);
const alibaba = (options: Loose) => () => createAlibabaHbrClient(options as never);

describe('client options', () => {
  const base = (): Loose => ({ baseUrl: server.baseUrl, projectId: PROJECT_ID, auth: aksk });
  it.each<[string, { given: () => () => unknown; want: Want }]>([
    ['missing projectId', { given: () => huawei({ baseUrl: server.baseUrl, auth: aksk }), want: { field: 'projectId' } }],
    ['empty projectId', { given: () => huawei({ ...base(), projectId: '' }), want: { field: 'projectId' } }],
    ['projectId "."', { given: () => huawei({ ...base(), projectId: '.' }), want: { field: 'projectId', says: /"\." or "\.\."/ } }],
    ['projectId ".."', { given: () => huawei({ ...base(), projectId: '..' }), want: { field: 'projectId' } }],
    ['a non-Latin-1 projectId', { given: () => huawei({ ...base(), projectId: 'projekt-\u0142' }), want: { field: 'projectId', says: /visible ASCII/ } }],
    ['a projectId with a DEL byte', { given: () => huawei({ ...base(), projectId: 'p\x7f' }), want: { field: 'projectId' } }],
    ['a token with a lone surrogate', { given: () => huawei({ ...base(), auth: { type: 'token', token: 'tok\uD800' } }), want: { field: 'auth.token' } }],
    ['a non-Latin-1 token', { given: () => huawei({ ...base(), auth: { type: 'token', token: 'token-\u4e2d' } }), want: { field: 'auth.token' } }],
    ['a token with a DEL byte', { given: () => huawei({ ...base(), auth: { type: 'token', token: 'tok\x7fen' } }), want: { field: 'auth.token' } }],
    ['blank projectId', { given: () => huawei({ ...base(), projectId: '   ' }), want: { field: 'projectId' } }],
    [
      'a projectId with a trailing space',
      { given: () => huawei({ ...base(), projectId: `${PROJECT_ID} ` }), want: { field: 'projectId', says: /whitespace/ } },
    ],
    ['a region with a leading space', { given: () => huawei({ region: ' cn-north-4', projectId: PROJECT_ID, auth: aksk }), want: { field: 'region' } }],
    ['a region with spaces', { given: () => huawei({ region: 'cn north 4', projectId: PROJECT_ID, auth: aksk }), want: { field: 'region' } }],
    [
      'a region that would change the host',
      { given: () => huawei({ region: 'evil.example.com/x', projectId: PROJECT_ID, auth: aksk }), want: { field: 'region' } },
    ],
    ['both region and baseUrl', { given: () => huawei({ ...base(), region: 'cn-north-4' }), want: { field: 'baseUrl', says: /region/ } }],
    ['neither region nor baseUrl', { given: () => huawei({ projectId: PROJECT_ID, auth: aksk }), want: { field: 'region', says: /required/ } }],
    ['a baseUrl that is not a URL', { given: () => huawei({ ...base(), baseUrl: 'vbs.example.com' }), want: { field: 'baseUrl' } }],
    ['a non-http baseUrl', { given: () => huawei({ ...base(), baseUrl: 'ftp://vbs.example.com' }), want: { field: 'baseUrl' } }],
    ['no auth', { given: () => huawei({ baseUrl: server.baseUrl, projectId: PROJECT_ID }), want: { field: 'auth' } }],
    [
      'an unknown auth type',
      { given: () => huawei({ ...base(), auth: { type: 'password', token: HUAWEI_TOKEN, secretAccessKey: HUAWEI_SK } }), want: { field: 'auth.type' } },
    ],
    ['token auth without a token', { given: () => huawei({ ...base(), auth: { type: 'token' } }), want: { field: 'auth.token' } }],
    ['token auth with an empty token', { given: () => huawei({ ...base(), auth: { type: 'token', token: '' } }), want: { field: 'auth.token' } }],
    [
      'a token that cannot be sent as a header (a line break inside)',
      { given: () => huawei({ ...base(), auth: { type: 'token', token: `${HUAWEI_TOKEN}\r\nX-Evil: 1` } }), want: { field: 'auth.token' } },
    ],
    [
      'aksk auth without a secret',
      { given: () => huawei({ ...base(), auth: { type: 'aksk', accessKeyId: HUAWEI_AK } }), want: { field: 'auth.secretAccessKey' } },
    ],
    [
      'aksk auth without an access key id',
      { given: () => huawei({ ...base(), auth: { type: 'aksk', secretAccessKey: HUAWEI_SK } }), want: { field: 'auth.accessKeyId' } },
    ],
    ['a negative timeoutMs', { given: () => huawei({ ...base(), timeoutMs: -1 }), want: { field: 'timeoutMs' } }],
    ['a zero timeoutMs', { given: () => huawei({ ...base(), timeoutMs: 0 }), want: { field: 'timeoutMs' } }],
    ['retry: { retries: -1 }', { given: () => huawei({ ...base(), retry: { retries: -1 } }), want: { field: 'retry.retries' } }],
    ['retry: { retries: 1.5 }', { given: () => huawei({ ...base(), retry: { retries: 1.5 } }), want: { field: 'retry.retries', says: /integer/ } }],
    ["retry: { maxDelayMs: '5' } (a string)", { given: () => huawei({ ...base(), retry: { maxDelayMs: '5' } }), want: { field: 'retry.maxDelayMs' } }],
    ['retry: { baseDelayMs: NaN }', { given: () => huawei({ ...base(), retry: { baseDelayMs: Number.NaN } }), want: { field: 'retry.baseDelayMs' } }],
    ['retry: true', { given: () => huawei({ ...base(), retry: true }), want: { field: 'retry' } }],
    ['a fetch that is not a function', { given: () => huawei({ ...base(), fetch: 'fetch' }), want: { field: 'fetch' } }],
  ])('Huawei: %s', async (_name, { given, want }) => {
    await expectInputError(given(), want);
  });

  const aliBase = (): Loose => ({ baseUrl: server.baseUrl, auth: acs3 });
  it.each<[string, { given: () => () => unknown; want: Want }]>([
    ['neither regionId nor baseUrl', { given: () => alibaba({ auth: acs3 }), want: { field: 'regionId' } }],
    ['both regionId and baseUrl', { given: () => alibaba({ ...aliBase(), regionId: 'cn-hangzhou' }), want: { field: 'baseUrl' } }],
    ['vpc together with baseUrl', { given: () => alibaba({ ...aliBase(), vpc: true }), want: { field: 'baseUrl' } }],
    ['a regionId with spaces', { given: () => alibaba({ regionId: 'cn hangzhou', auth: acs3 }), want: { field: 'regionId' } }],
    ['a non-boolean vpc', { given: () => alibaba({ regionId: 'cn-hangzhou', vpc: 'yes', auth: acs3 }), want: { field: 'vpc' } }],
    ['an unknown auth type', { given: () => alibaba({ ...aliBase(), auth: { ...acs3, type: 'hmac' } }), want: { field: 'auth.type' } }],
    [
      'a missing accessKeySecret',
      { given: () => alibaba({ ...aliBase(), auth: { type: 'acs3', accessKeyId: ALIBABA_AK } }), want: { field: 'auth.accessKeySecret' } },
    ],
    ['an empty securityToken', { given: () => alibaba({ ...aliBase(), auth: { ...acs3, securityToken: '' } }), want: { field: 'auth.securityToken' } }],
    [
      'a securityToken that cannot be sent as a header (a line break inside)',
      { given: () => alibaba({ ...aliBase(), auth: { ...acs3, securityToken: 'sts-part1\npart2' } }), want: { field: 'auth.securityToken' } },
    ],
    ['a negative timeoutMs', { given: () => alibaba({ ...aliBase(), timeoutMs: -1 }), want: { field: 'timeoutMs' } }],
    ['retry: { retries: -1 }', { given: () => alibaba({ ...aliBase(), retry: { retries: -1 } }), want: { field: 'retry.retries' } }],
  ])('Alibaba: %s', async (_name, { given, want }) => {
    await expectInputError(given(), want);
  });
});

describe('client options, each refusal word for word', () => {
  const aliAuth = { type: 'acs3', accessKeyId: ALIBABA_AK, accessKeySecret: ALIBABA_SECRET };
  it.each<[string, () => unknown, string]>([
    ['Huawei auth that is not an object', huawei({ region: 'cn-north-4', projectId: PROJECT_ID, auth: 'token' }), 'auth must be an object'],
    ['Huawei auth: null', huawei({ region: 'cn-north-4', projectId: PROJECT_ID, auth: null }), 'auth must be an object'],
    [
      'Huawei auth.type basic',
      huawei({ region: 'cn-north-4', projectId: PROJECT_ID, auth: { type: 'basic', token: 't' } }),
      'auth.type must be "token" or "aksk"',
    ],
    ['Alibaba auth that is not an object', alibaba({ regionId: 'cn-hangzhou', auth: 'acs3' }), 'auth must be an object'],
    ['Alibaba auth: null', alibaba({ regionId: 'cn-hangzhou', auth: null }), 'auth must be an object'],
    ['Alibaba auth.type v4', alibaba({ regionId: 'cn-hangzhou', auth: { ...aliAuth, type: 'v4' } }), 'auth.type must be "acs3" or "rpc-v2"'],
    [
      'Alibaba baseUrl with regionId',
      alibaba({ baseUrl: 'https://h.example', regionId: 'cn-hangzhou', auth: aliAuth }),
      'baseUrl cannot be combined with regionId or vpc; give one of them',
    ],
    [
      'Alibaba baseUrl with vpc',
      alibaba({ baseUrl: 'https://h.example', vpc: false, auth: aliAuth }),
      'baseUrl cannot be combined with regionId or vpc; give one of them',
    ],
    ['Alibaba without regionId or baseUrl', alibaba({ auth: aliAuth }), 'regionId is required (or give baseUrl)'],
    ['Alibaba vpc: "yes"', alibaba({ regionId: 'cn-hangzhou', vpc: 'yes', auth: aliAuth }), 'vpc must be a boolean'],
    ['Alibaba baseUrl ftp://', alibaba({ baseUrl: 'ftp://h.example', auth: aliAuth }), 'baseUrl must be an absolute http(s) URL'],
    [
      'Alibaba auth.accessKeyId with a space',
      alibaba({ regionId: 'cn-hangzhou', auth: { ...aliAuth, accessKeyId: 'LTAI 5t' } }),
      'auth.accessKeyId must only contain visible ASCII characters',
    ],
  ])('%s', (_what, create, message) => {
    expect(create).toThrow(ClientInputError);
    expect(create).toThrow(new ClientInputError(message.split(' ')[0]!, message.slice(message.indexOf(' ') + 1)));
  });
});

describe('call input', () => {
  // untyped inputs: the point is what happens when the types are bypassed
  const call = (method: 'countBackupShares' | 'listBackupShareDetails' | 'getBackupShare' | 'createBackupShares', input: Loose) => () =>
    (huaweiClient(server) as unknown as Record<string, (input: Loose) => Promise<unknown>>)[method]!(input);
  const aliCall = (mode: 'acs3' | 'rpc-v2', method: 'getBasicStatistics' | 'getBasicStatisticsViaPost', input: Loose) => () =>
    (alibabaClient(server, { mode }) as unknown as Record<string, (input: Loose) => Promise<unknown>>)[method]!(input);

  it.each<[string, { given: () => unknown; want: Want }]>([
    ...['constructor', 'toString', 'hasOwnProperty', '__proto__'].map((key): [string, { given: () => unknown; want: Want }] => [
      `a query key named ${key} (on Object.prototype, not in the contract)`,
      { given: call('countBackupShares', { query: JSON.parse(`{"${key}": "x"}`) }), want: { field: `query.${key}`, says: /not defined by the contract/ } },
    ]),
    [
      'a filter value with a lone surrogate',
      { given: call('countBackupShares', { query: { name: 'backup-\uD800' } }), want: { field: 'query.name', says: /lone surrogate/ } },
    ],
    [
      'a path value with a lone low surrogate',
      { given: call('getBackupShare', { path: { shared_id: '\uDC00x' } }), want: { field: 'path.shared_id', says: /lone surrogate/ } },
    ],
    [
      'share_to_me: "yes" (a non-boolean filter)',
      { given: call('countBackupShares', { query: { share_to_me: 'yes' } }), want: { field: 'query.share_to_me', says: /boolean/ } },
    ],
    [
      'an unknown filter shar_to_me',
      { given: call('countBackupShares', { query: { shar_to_me: true } }), want: { field: 'query.shar_to_me', says: /not defined by the contract/ } },
    ],
    [
      'a misspelled input key (querry)',
      { given: call('countBackupShares', { querry: { share_to_me: true } }), want: { field: 'querry', says: /not defined by the contract/ } },
    ],
    [
      'project_id in path',
      { given: call('countBackupShares', { path: { project_id: 'other' } }), want: { field: 'path.project_id', says: /filled in by the client/ } },
    ],
    ['query that is not an object', { given: call('countBackupShares', { query: 'share_to_me=true' }), want: { field: 'query' } }],
    [
      'an input that is not an object',
      { given: call('countBackupShares', 'share_to_me=true' as never), want: { field: 'input', says: /^input must be object, got string$/ } },
    ],
    ['a body on a GET', { given: call('countBackupShares', { body: { a: 1 } }), want: { field: 'body' } }],
    ['getBackupShare without path.shared_id', { given: call('getBackupShare', {}), want: { field: 'path.shared_id', says: /required/ } }],
    ['getBackupShare with an empty shared_id', { given: call('getBackupShare', { path: { shared_id: '' } }), want: { field: 'path.shared_id' } }],
    ['createBackupShares without a body', { given: call('createBackupShares', {}), want: { field: 'body', says: /required/ } }],
    [
      'createBackupShares with a project id that is not a string',
      {
        given: call('createBackupShares', { body: { shared: { backup_id: BACKUP_ID, to_project_ids: [42] } } }),
        want: { field: 'body.shared.to_project_ids[0]' },
      },
    ],
    [
      'createBackupShares with a backup_id that is not a string',
      { given: call('createBackupShares', { body: { shared: { backup_id: 42, to_project_ids: ['p2'] } } }), want: { field: 'body.shared.backup_id' } },
    ],
    [
      'createBackupShares without backup_id',
      { given: call('createBackupShares', { body: { shared: { to_project_ids: ['p2'] } } }), want: { field: 'body.shared.backup_id', says: /required/ } },
    ],
    ['listBackupShareDetails with limit: 1.5', { given: call('listBackupShareDetails', { query: { limit: 1.5 } }), want: { field: 'query.limit' } }],
    ['listBackupShareDetails with offset: "ten"', { given: call('listBackupShareDetails', { query: { offset: 'ten' } }), want: { field: 'query.offset' } }],
    [
      'listBackupShareDetails with a sort_key the page does not list',
      { given: call('listBackupShareDetails', { query: { sort_key: 'to_project_id' } }), want: { field: 'query.sort_key' } },
    ],
    [
      'countBackupShares with the SDKs’ zone spelling (the count documents only the page’s)',
      {
        given: call('countBackupShares', { query: { availability_zone: 'cn-north-4a' } }),
        want: { field: 'query.availability_zone', says: /not defined by the contract/ },
      },
    ],
    ['listBackupShareDetails with sort_dir: "up"', { given: call('listBackupShareDetails', { query: { sort_dir: 'up' } }), want: { field: 'query.sort_dir' } }],
    ['timeoutMs: -1 on a call', { given: call('countBackupShares', { timeoutMs: -1 }), want: { field: 'timeoutMs' } }],
    ['timeoutMs: Infinity on a call', { given: call('countBackupShares', { timeoutMs: Number.POSITIVE_INFINITY }), want: { field: 'timeoutMs' } }],
    ['retry: { retries: -1 } on a GET call', { given: call('countBackupShares', { retry: { retries: -1 } }), want: { field: 'retry.retries' } }],
    [
      'retry: { retries: -1 } on a POST call',
      { given: call('createBackupShares', { body: validShareBody, retry: { retries: -1 } }), want: { field: 'retry.retries' } },
    ],
  ])('Huawei: %s', async (_name, { given, want }) => {
    await expectInputError(given, want);
  });

  // no source states these rules, so the contract leaves them to the service and the client sends
  // what it is given (README, "What the contract leaves to the service")
  const shareWith = (shared: Loose) => ({ body: { shared: { backup_id: BACKUP_ID, to_project_ids: ['p2'], ...shared } } });
  const bodyField = (name: string) => (received: ReceivedRequest) => JSON.parse(received.body).shared[name];
  const queryField = (name: string) => (received: ReceivedRequest) => received.url.searchParams.get(name);
  it.each<[string, 'createBackupShares' | 'listBackupShareDetails', Loose, (received: ReceivedRequest) => unknown, unknown]>([
    ['to_project_ids: []', 'createBackupShares', shareWith({ to_project_ids: [] }), bodyField('to_project_ids'), []],
    ['a repeated project id', 'createBackupShares', shareWith({ to_project_ids: ['p2', 'p2'] }), bodyField('to_project_ids'), ['p2', 'p2']],
    ['a backup_id that is no UUID', 'createBackupShares', shareWith({ backup_id: 'backup-1' }), bodyField('backup_id'), 'backup-1'],
    ['a body field the page does not name', 'createBackupShares', shareWith({ note: 'x' }), bodyField('note'), 'x'],
    ['limit: 0', 'listBackupShareDetails', { query: { limit: 0 } }, queryField('limit'), '0'],
    ['offset: -1', 'listBackupShareDetails', { query: { offset: -1 } }, queryField('offset'), '-1'],
  ])('Huawei: %s is sent as given, for the service to judge', async (_name, method, input, sent, expected) => {
    server.reply({ status: 200, body: { shared: [] } });
    await call(method, input)();
    expect(server.received).toHaveLength(1);
    expect(sent(server.received[0]!)).toEqual(expected);
  });

  describe.each(['acs3', 'rpc-v2'] as const)('Alibaba (%s)', (mode) => {
    it.each<[string, { given: () => unknown; want: Want }]>([
      [
        "SourceType: 'ECS'",
        { given: aliCall(mode, 'getBasicStatistics', { query: { SourceType: 'ECS' } }), want: { field: 'query.SourceType', says: /ECS_FILE/ } },
      ],
      ['no SourceType', { given: aliCall(mode, 'getBasicStatistics', {}), want: { field: 'query.SourceType', says: /required/ } }],
      [
        'query.Action given',
        {
          given: aliCall(mode, 'getBasicStatistics', { query: { SourceType: 'ECS_FILE', Action: 'GetBasicStatistics' } }),
          want: { field: 'query.Action', says: /filled in by the client/ },
        },
      ],
      [
        'query.Version given',
        {
          given: aliCall(mode, 'getBasicStatisticsViaPost', { query: { SourceType: 'ECS_FILE', Version: '2017-09-08' } }),
          want: { field: 'query.Version', says: /filled in by the client/ },
        },
      ],
      [
        'an x-acs-action header given',
        {
          given: aliCall(mode, 'getBasicStatistics', { query: { SourceType: 'ECS_FILE' }, headers: { 'x-acs-action': 'GetBasicStatistics' } }),
          want: { field: 'headers.x-acs-action', says: /filled in by the client/ },
        },
      ],
      [
        'a signer-owned query parameter',
        { given: aliCall(mode, 'getBasicStatistics', { query: { SourceType: 'ECS_FILE', Signature: 'x' } }), want: { field: 'query.Signature' } },
      ],
      ['timeoutMs: -1', { given: aliCall(mode, 'getBasicStatistics', { query: { SourceType: 'ECS_FILE' }, timeoutMs: -1 }), want: { field: 'timeoutMs' } }],
      [
        'retry: { retries: -1 }',
        { given: aliCall(mode, 'getBasicStatistics', { query: { SourceType: 'ECS_FILE' }, retry: { retries: -1 } }), want: { field: 'retry.retries' } },
      ],
    ])('%s', async (_name, { given, want }) => {
      await expectInputError(given, want);
    });
  });
});

describe('page options', () => {
  it.each<[string, { given: Loose; want: Want }]>([
    ['pageSize: 0', { given: { pageSize: 0 }, want: { field: 'pageSize', says: /^pageSize must be an integer >= 1$/ } }],
    ['pageSize: 2.5', { given: { pageSize: 2.5 }, want: { field: 'pageSize' } }],
    ['maxPages: 0', { given: { maxPages: 0 }, want: { field: 'maxPages' } }],
    ['startOffset: -1', { given: { startOffset: -1 }, want: { field: 'startOffset', says: /^startOffset must be an integer >= 0$/ } }],
  ])('%s', async (_name, { given, want }) => {
    await expectInputError(() => huaweiClient(server).pages.listBackupShareDetails({}, given).next(), want);
  });
});

it('valid input of every shape is accepted and sent (the tables above fail for the stated reason only)', async () => {
  server.reply({ status: 200, body: { count: 0 } }, { status: 200, body: { shared: [] } }, { status: 200, body: { shared: [] } });
  const client = huaweiClient(server);
  expect((await client.countBackupShares({ query: { share_to_me: true, name: 'x' }, timeoutMs: 5_000, retry: { retries: 0 } })).error).toBeUndefined();
  expect((await client.listBackupShareDetails({ query: { limit: 1, offset: 0, sort_dir: 'asc' } })).error).toBeUndefined();
  expect((await client.createBackupShares({ body: validShareBody })).error).toBeUndefined();
  expect(server.received).toHaveLength(3);
});
