// What actually arrives at the server, checked independently: the server recomputes each
// signature from the received method, URL, headers and body and compares. Secrets travel only
// as an HMAC.
import { describe, expect, it } from 'vitest';
import {
  ALIBABA_AK,
  ALIBABA_SECRET,
  ALIBABA_STS,
  alibabaClient,
  alibabaStatistics,
  HUAWEI_AK,
  HUAWEI_SK,
  HUAWEI_TOKEN,
  huaweiClient,
  PROJECT_ID,
  rawRequest,
  recomputeAcs3,
  recomputeHuawei,
  recomputeRpcV2,
  useScriptedServer,
  validShareBody,
  type ReceivedRequest,
} from './helpers.js';

const server = useScriptedServer();

function only(): ReceivedRequest {
  expect(server.received).toHaveLength(1);
  return server.received[0]!;
}

function expectNoSecret(request: ReceivedRequest, secrets: string[]): void {
  const raw = rawRequest(request);
  for (const secret of secrets) expect(raw.includes(secret), `the request carries a secret in the clear`).toBe(false);
}

describe('Huawei token auth', () => {
  it('sends X-Auth-Token and X-Project-Id, and no Authorization', async () => {
    server.reply({ status: 200, body: { count: 0 } });
    expect((await huaweiClient(server, { mode: 'token' }).countBackupShares()).error).toBeUndefined();
    const request = only();
    expect(request.headers['x-auth-token']).toBe(HUAWEI_TOKEN);
    expect(request.headers['x-project-id']).toBe(PROJECT_ID);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.url.pathname).toBe(`/v2/${PROJECT_ID}/os-vendor-backup-sharing/count`);
  });
});

describe('Huawei AK/SK auth', () => {
  type Send = (client: ReturnType<typeof huaweiClient>) => Promise<{ error?: unknown }>;
  it.each<[string, { given: { send: Send; reply: unknown }; want: { method: string; path: string; query: Record<string, string>; body: unknown } }]>([
    [
      'count with filters, including a space in name',
      {
        given: { send: (c) => c.countBackupShares({ query: { share_to_me: true, name: 'nightly db backup', status: 'available' } }), reply: { count: 1 } },
        want: {
          method: 'GET',
          path: `/v2/${PROJECT_ID}/os-vendor-backup-sharing/count`,
          query: { share_to_me: 'true', name: 'nightly db backup', status: 'available' },
          body: '',
        },
      },
    ],
    [
      'count with a name holding reserved and non-ASCII characters',
      {
        given: { send: (c) => c.countBackupShares({ query: { name: "a+b/c?d=e&f*'(1)~ ünï 名" } }), reply: { count: 1 } },
        want: { method: 'GET', path: `/v2/${PROJECT_ID}/os-vendor-backup-sharing/count`, query: { name: "a+b/c?d=e&f*'(1)~ ünï 名" }, body: '' },
      },
    ],
    [
      'listBackupShareDetails with paging and sorting',
      {
        given: { send: (c) => c.listBackupShareDetails({ query: { limit: 5, offset: 10, sort_dir: 'desc', sort_key: 'created_at' } }), reply: { shared: [] } },
        want: {
          method: 'GET',
          path: `/v2/${PROJECT_ID}/os-vendor-backup-sharing/detail`,
          query: { limit: '5', offset: '10', sort_dir: 'desc', sort_key: 'created_at' },
          body: '',
        },
      },
    ],
    [
      'getBackupShare with a path parameter',
      {
        given: { send: (c) => c.getBackupShare({ path: { shared_id: '8332443e-9866-41d8-8a58-a898cf5db030' } }), reply: { shared: {} } },
        want: { method: 'GET', path: `/v2/${PROJECT_ID}/os-vendor-backup-sharing/8332443e-9866-41d8-8a58-a898cf5db030`, query: {}, body: '' },
      },
    ],
    [
      'getBackupShare with a path parameter the client percent-encodes (signed as the vendor signs it: %20 -> %2520)',
      {
        given: { send: (c) => c.getBackupShare({ path: { shared_id: 'share id/1 备份' } }), reply: { shared: {} } },
        want: { method: 'GET', path: `/v2/${PROJECT_ID}/os-vendor-backup-sharing/share%20id%2F1%20%E5%A4%87%E4%BB%BD`, query: {}, body: '' },
      },
    ],
    [
      'createBackupShares with a JSON body',
      {
        given: { send: (c) => c.createBackupShares({ body: validShareBody }), reply: { shared: [] } },
        want: { method: 'POST', path: `/v2/${PROJECT_ID}/os-vendor-backup-sharing`, query: {}, body: validShareBody },
      },
    ],
    [
      'cancelBackupShare with a query flag',
      {
        given: { send: (c) => c.cancelBackupShare({ path: { shared_id: 'abc' }, query: { is_backup_id: true } }), reply: undefined },
        want: { method: 'DELETE', path: `/v2/${PROJECT_ID}/os-vendor-backup-sharing/abc`, query: { is_backup_id: 'true' }, body: '' },
      },
    ],
  ])('%s: the Authorization recomputes on the server', async (_name, { given, want }) => {
    server.reply({ status: 200, body: given.reply });
    expect((await given.send(huaweiClient(server))).error).toBeUndefined();
    const request = only();
    expect(request.method).toBe(want.method);
    expect(request.url.pathname).toBe(want.path);
    expect(Object.fromEntries(request.url.searchParams)).toEqual(want.query);
    expect(request.body === '' ? '' : JSON.parse(request.body)).toEqual(want.body);
    expect(request.headers['x-project-id']).toBe(PROJECT_ID);
    expect(request.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    const authorization = request.headers.authorization!;
    expect(authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${HUAWEI_AK}, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`));
    expect(authorization).toMatch(/SignedHeaders=(?:[^,]*;)?host;/);
    expect(authorization).toMatch(/SignedHeaders=[^,]*x-project-id/);
    expect(authorization).toMatch(/SignedHeaders=[^,]*x-sdk-date/);
    if (want.method === 'POST') expect(authorization).toMatch(/SignedHeaders=[^,]*content-type/);
    expect(await recomputeHuawei(request)).toBe(authorization);
    // and the check is not vacuous: another secret gives another signature
    expect(await recomputeHuawei(request, `${HUAWEI_SK}x`)).not.toBe(authorization);
    expectNoSecret(request, [HUAWEI_SK]);
  });
});

describe('Alibaba ACS3 (signature V3)', () => {
  it.each<[string, { given: { post: boolean; sts: boolean } }]>([
    ['GET getBasicStatistics', { given: { post: false, sts: false } }],
    ['POST getBasicStatisticsViaPost', { given: { post: true, sts: false } }],
    ['GET with an STS token', { given: { post: false, sts: true } }],
  ])('%s: Action/Version as x-acs-* headers, not in the query; the Authorization recomputes', async (_name, { given }) => {
    server.reply({ status: 200, body: alibabaStatistics });
    const client = alibabaClient(server, { mode: 'acs3', sts: given.sts });
    const input = { query: { SourceType: 'ECS_FILE' } } as const;
    expect((await (given.post ? client.getBasicStatisticsViaPost(input) : client.getBasicStatistics(input))).error).toBeUndefined();
    const request = only();
    expect(request.method).toBe(given.post ? 'POST' : 'GET');
    expect(request.url.pathname).toBe('/');
    expect(request.headers['x-acs-action']).toBe('GetBasicStatistics');
    expect(request.headers['x-acs-version']).toBe('2017-09-08');
    expect(Object.fromEntries(request.url.searchParams)).toEqual({ SourceType: 'ECS_FILE' });
    expect(request.headers['x-acs-signature-nonce']).toMatch(/^\S+$/);
    expect(request.headers['x-acs-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    if (given.sts) {
      expect(request.headers['x-acs-security-token']).toBe(ALIBABA_STS);
      expect(request.headers['x-acs-accesskey-id']).toBe(ALIBABA_AK);
    } else expect(request.headers['x-acs-security-token']).toBeUndefined();
    const authorization = request.headers.authorization!;
    expect(authorization).toMatch(new RegExp(`^ACS3-HMAC-SHA256 Credential=${ALIBABA_AK},SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$`));
    expect(authorization).toMatch(/SignedHeaders=[^,]*x-acs-action;/);
    expect(await recomputeAcs3(request, given.sts)).toBe(authorization);
    expectNoSecret(request, [ALIBABA_SECRET]);
  });
});

describe('Alibaba RPC (signature V2)', () => {
  it.each<[string, { given: { post: boolean; sts: boolean } }]>([
    ['GET getBasicStatistics', { given: { post: false, sts: false } }],
    ['POST getBasicStatisticsViaPost', { given: { post: true, sts: false } }],
    ['GET with an STS token', { given: { post: false, sts: true } }],
  ])('%s: Action/Version/Signature in the query, no x-acs-action header; the Signature recomputes', async (_name, { given }) => {
    server.reply({ status: 200, body: alibabaStatistics });
    const client = alibabaClient(server, { mode: 'rpc-v2', sts: given.sts });
    const input = { query: { SourceType: 'ECS_FILE' } } as const;
    expect((await (given.post ? client.getBasicStatisticsViaPost(input) : client.getBasicStatistics(input))).error).toBeUndefined();
    const request = only();
    const query = request.url.searchParams;
    expect(request.method).toBe(given.post ? 'POST' : 'GET');
    expect(query.get('Action')).toBe('GetBasicStatistics');
    expect(query.get('Version')).toBe('2017-09-08');
    expect(query.get('SourceType')).toBe('ECS_FILE');
    expect(query.get('AccessKeyId')).toBe(ALIBABA_AK);
    expect(query.get('SignatureMethod')).toBe('HMAC-SHA1');
    expect(query.get('SignatureVersion')).toBe('1.0');
    expect(query.get('SecurityToken')).toBe(given.sts ? ALIBABA_STS : null);
    for (const name of ['Action', 'Version', 'Signature', 'Timestamp', 'SignatureNonce']) expect(query.getAll(name), name).toHaveLength(1);
    expect(request.headers['x-acs-action']).toBeUndefined();
    expect(request.headers['x-acs-version']).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toBe('');
    expect(query.get('Signature')).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(await recomputeRpcV2(request, given.sts)).toBe(query.get('Signature'));
    expectNoSecret(request, [ALIBABA_SECRET]);
  });
});

describe('secrets never travel in the clear', () => {
  // `tokenHeader`: the one header that carries a secret by design (the IAM token); everything
  // else the server saw is scanned for each `absent` secret
  it.each<[string, { given: { send: () => Promise<unknown> }; want: { absent: string[]; tokenHeader?: string } }]>([
    ['Huawei AK/SK GET', { given: { send: () => huaweiClient(server).countBackupShares({ query: { name: 'n' } }) }, want: { absent: [HUAWEI_SK] } }],
    ['Huawei AK/SK POST', { given: { send: () => huaweiClient(server).createBackupShares({ body: validShareBody }) }, want: { absent: [HUAWEI_SK] } }],
    [
      'Huawei token (the token only in X-Auth-Token)',
      { given: { send: () => huaweiClient(server, { mode: 'token' }).countBackupShares() }, want: { absent: [HUAWEI_TOKEN], tokenHeader: HUAWEI_TOKEN } },
    ],
    [
      'Alibaba ACS3 with STS',
      {
        given: { send: () => alibabaClient(server, { sts: true }).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } }) },
        want: { absent: [ALIBABA_SECRET] },
      },
    ],
    [
      'Alibaba RPC V2 with STS',
      {
        given: { send: () => alibabaClient(server, { mode: 'rpc-v2', sts: true }).getBasicStatisticsViaPost({ query: { SourceType: 'ECS_FILE' } }) },
        want: { absent: [ALIBABA_SECRET] },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    server.reply({ status: 200, body: {} });
    await given.send();
    const request = only();
    const { 'x-auth-token': token, ...otherHeaders } = request.headers;
    expect(token).toBe(want.tokenHeader);
    expectNoSecret({ ...request, headers: otherHeaders }, want.absent);
  });
});
