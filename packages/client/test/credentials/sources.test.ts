// The Node-only credential sources, each driving a real client against a real local server:
// the vendors' environment variables, both clouds' instance metadata services (local stand-ins
// that answer as the link-local ones do), and a real @alicloud/credentials Credential whose
// credentials URI points at a local stand-in.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlibabaHbrClient } from '../../src/alibaba-hbr/index.js';
import {
  fromAlibabaCredentialClient,
  fromAlibabaEcsRamRole,
  fromAlibabaEnv,
  fromHuaweiEcsMetadata,
  fromHuaweiEnv,
  huaweiProjectIdFromEnv,
} from '../../src/credentials/index.js';
import { createHuaweiVbsClient } from '../../src/huawei-vbs/index.js';
import { alibabaStatistics, expectNoSecretIn, shareItem, useScriptedServer } from '../behaviour/helpers.js';
import { acs3Authorization, huaweiAuthorization } from '../support/reference-signer.js';
import { wireRequest } from '../behaviour/helpers.js';

// note: the library is CommonJS compiled from TypeScript, its class the `default` export
const Credential: typeof import('@alicloud/credentials').default = createRequire(import.meta.url)('@alicloud/credentials').default;

const api = useScriptedServer();
const hourFromNow = () => new Date(Date.now() + 3_600_000).toISOString();
const temporary = { ak: 'HWTEMPAK000000000001', sk: 'HwTempSecret-DO-NOT-LEAK-11', token: 'HwTempToken-DO-NOT-LEAK-22' };
const sts = { ak: 'STS.NUEXAMPLE0000001', secret: 'StsSecret-DO-NOT-LEAK-33', token: 'CAIStsToken-DO-NOT-LEAK-44' };
const secrets = [temporary.sk, temporary.token, sts.secret, sts.token];

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
/** A local stand-in for a metadata service: records each request (method, path, headers) and answers with `handler`. */
function standIn(handler: Handler) {
  const seen: { method: string; path: string; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((request, response) => {
    seen.push({ method: request.method!, path: request.url!, headers: request.headers });
    handler(request, response);
  });
  return {
    seen,
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const huaweiOk = { status: 200, body: { shared: [shareItem(1)] } };
const huaweiClientWith = (provider: ReturnType<typeof fromHuaweiEnv>) =>
  createHuaweiVbsClient({ baseUrl: api.baseUrl, projectId: 'p1', auth: { type: 'aksk', provider } });
const alibabaClientWith = (provider: ReturnType<typeof fromAlibabaEnv>) => createAlibabaHbrClient({ baseUrl: api.baseUrl, auth: { type: 'acs3', provider } });

describe('environment variables, under the vendors names', () => {
  it('Huawei: HUAWEICLOUD_SDK_AK / _SK / _SECURITY_TOKEN / _PROJECT_ID', async () => {
    const env = {
      HUAWEICLOUD_SDK_AK: temporary.ak,
      HUAWEICLOUD_SDK_SK: temporary.sk,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: temporary.token,
      HUAWEICLOUD_SDK_PROJECT_ID: 'p-env',
    };
    expect(huaweiProjectIdFromEnv(env)).toBe('p-env');
    api.reply(huaweiOk);
    expect((await huaweiClientWith(fromHuaweiEnv(env)).listBackupShareDetails()).error).toBeUndefined();
    const [request] = api.received;
    expect(request!.headers['x-security-token']).toBe(temporary.token);
    expect(request!.headers.authorization).toBe(await huaweiAuthorization(wireRequest(request!), temporary.ak, temporary.sk));
  });

  it('Alibaba: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN, read again by each call', async () => {
    const env: Record<string, string> = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIold', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'old-secret' };
    const client = alibabaClientWith(fromAlibabaEnv(env));
    api.reply({ status: 200, body: alibabaStatistics }, { status: 200, body: alibabaStatistics });
    await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    Object.assign(env, { ALIBABA_CLOUD_ACCESS_KEY_ID: sts.ak, ALIBABA_CLOUD_ACCESS_KEY_SECRET: sts.secret, ALIBABA_CLOUD_SECURITY_TOKEN: sts.token });
    await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    const [before, after] = api.received;
    expect(before!.headers['x-acs-security-token']).toBeUndefined();
    expect(after!.headers['x-acs-security-token']).toBe(sts.token);
    expect(after!.headers.authorization).toBe(await acs3Authorization(wireRequest(after!), sts.ak, sts.secret));
  });

  it.each([
    ['HUAWEICLOUD_SDK_SK', () => huaweiClientWith(fromHuaweiEnv({ HUAWEICLOUD_SDK_AK: 'a' })).listBackupShareDetails()],
    ['ALIBABA_CLOUD_ACCESS_KEY_ID', () => alibabaClientWith(fromAlibabaEnv({})).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } })],
  ])('a missing %s is a credentials result naming it', async (name, call) => {
    const { error } = await call();
    expect(error?.kind).toBe('credentials');
    expect(error?.message).toContain(`${name} is not set in the environment`);
  });
});

describe('Alibaba ECS RAM role (IMDSv2) against a local stand-in', () => {
  const metadata = standIn((request, response) => {
    if (request.method === 'PUT' && request.url === '/latest/api/token') return response.end('imds-token-1');
    if (request.headers['x-aliyun-ecs-metadata-token'] !== 'imds-token-1') return json(response, 401, {});
    if (request.url === '/latest/meta-data/ram/security-credentials/') return response.end('BackupRole');
    if (request.url === '/latest/meta-data/ram/security-credentials/BackupRole')
      return json(response, 200, { Code: 'Success', AccessKeyId: sts.ak, AccessKeySecret: sts.secret, SecurityToken: sts.token, Expiration: hourFromNow() });
    json(response, 404, {});
  });
  let endpoint: string;
  beforeAll(async () => void (endpoint = await metadata.start()));
  afterAll(() => metadata.close());

  it('asks for a token, the role and its credentials, then signs with them until they near expiry', async () => {
    api.reply({ status: 200, body: alibabaStatistics }, { status: 200, body: alibabaStatistics });
    const client = alibabaClientWith(fromAlibabaEcsRamRole({ endpoint }));
    await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    expect(metadata.seen.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/ram/security-credentials/',
      'GET /latest/meta-data/ram/security-credentials/BackupRole',
    ]);
    expect(metadata.seen[0]!.headers['x-aliyun-ecs-metadata-token-ttl-seconds']).toBe('21600');
    for (const request of api.received) {
      expect(request.headers['x-acs-security-token']).toBe(sts.token);
      expect(request.headers.authorization).toBe(await acs3Authorization(wireRequest(request), sts.ak, sts.secret));
    }
  });

  it('a role the service does not know is a credentials result naming the path and status, no secret', async () => {
    const { error } = await alibabaClientWith(fromAlibabaEcsRamRole({ endpoint, roleName: 'Nobody' })).getBasicStatistics({
      query: { SourceType: 'ECS_FILE' },
    });
    expect(error?.kind).toBe('credentials');
    expect((error!.cause as Error).message).toBe('the ECS metadata service answered HTTP 404 to GET /latest/meta-data/ram/security-credentials/Nobody');
    expectNoSecretIn(error, secrets);
  });
});

describe('Huawei ECS security key metadata against a local stand-in', () => {
  const metadata = standIn((request, response) => {
    if (request.method === 'PUT' && request.url === '/meta-data/latest/api/token') return response.end('hw-meta-token');
    if (request.url === '/openstack/latest/securitykey' && request.headers['x-metadata-token'] === 'hw-meta-token')
      return json(response, 200, { credential: { access: temporary.ak, secret: temporary.sk, securitytoken: temporary.token, expires_at: hourFromNow() } });
    json(response, 401, {});
  });
  let endpoint: string;
  beforeAll(async () => void (endpoint = await metadata.start()));
  afterAll(() => metadata.close());

  it('asks for a token and the security key, then signs with the temporary key and its token', async () => {
    api.reply(huaweiOk, huaweiOk);
    const client = huaweiClientWith(fromHuaweiEcsMetadata({ endpoint }));
    await client.listBackupShareDetails();
    await client.listBackupShareDetails();
    expect(metadata.seen.map(({ method, path }) => `${method} ${path}`)).toEqual(['PUT /meta-data/latest/api/token', 'GET /openstack/latest/securitykey']);
    expect(metadata.seen[0]!.headers['x-metadata-token-ttl-seconds']).toBe('21600');
    for (const request of api.received) {
      expect(request.headers['x-security-token']).toBe(temporary.token);
      expect(request.headers.authorization).toBe(await huaweiAuthorization(wireRequest(request), temporary.ak, temporary.sk));
    }
  });

  it('an unreachable metadata service is a credentials result', async () => {
    const { error } = await huaweiClientWith(fromHuaweiEcsMetadata({ endpoint: 'http://127.0.0.1:9', timeoutMs: 500 })).listBackupShareDetails();
    expect(error?.kind).toBe('credentials');
    expect((error!.cause as Error).message).toBe('the ECS metadata service at http://127.0.0.1:9 did not answer PUT /meta-data/latest/api/token');
  });
});

describe('a metadata answer that is not the metadata service', () => {
  // another origin that would hand out credentials of its own making to whoever it is sent to
  const elsewhere = standIn((_request, response) =>
    json(response, 200, { credential: { access: 'FORGEDAK000000000001', secret: 'forged', securitytoken: 'forged', expires_at: hourFromNow() } }),
  );
  const metadata = standIn((request, response) => {
    if (request.method === 'PUT') return response.end('hw-meta-token');
    if (request.url!.startsWith('/openstack/')) return response.end('x'.repeat(70_000));
    response.writeHead(Number(request.url!.slice(1, 4)), { location: `${elsewhereAt}${securityKey}` });
    response.end();
  });
  const securityKey = '/openstack/latest/securitykey';
  let elsewhereAt: string;
  let endpoint: string;
  beforeAll(async () => void ([elsewhereAt, endpoint] = await Promise.all([elsewhere.start(), metadata.start()])));
  afterAll(() => Promise.all([elsewhere.close(), metadata.close()]));

  it.each([301, 302, 303, 307, 308])('a %i is refused, naming the path: the token never leaves for the other origin', async (status) => {
    const { error } = await huaweiClientWith(fromHuaweiEcsMetadata({ endpoint: `${endpoint}/${status}` })).listBackupShareDetails();
    expect(error?.kind).toBe('credentials');
    expect((error!.cause as Error).message).toBe(`the ECS metadata service redirected GET ${securityKey}; metadata redirects are never followed`);
    expect(elsewhere.seen).toEqual([]);
    expect(api.received).toEqual([]);
    expectNoSecretIn(error, ['hw-meta-token']);
  });

  it('a body past 64 KiB is refused, unquoted', async () => {
    const { error } = await huaweiClientWith(fromHuaweiEcsMetadata({ endpoint })).listBackupShareDetails();
    expect((error!.cause as Error).message).toBe(`the ECS metadata service's answer to GET ${securityKey} is larger than 65536 bytes`);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '500'])('a timeoutMs of %s is a ClientInputError naming it', (timeoutMs) => {
    for (const provider of [fromHuaweiEcsMetadata, fromAlibabaEcsRamRole])
      expect(() => provider({ timeoutMs: timeoutMs as number })).toThrow(expect.objectContaining({ name: 'ClientInputError', field: 'timeoutMs' }));
  });
});

describe('@alicloud/credentials through the adapter', () => {
  const uri = standIn((_request, response) =>
    json(response, 200, { Code: 'Success', AccessKeyId: sts.ak, AccessKeySecret: sts.secret, SecurityToken: sts.token, Expiration: hourFromNow() }),
  );
  let endpoint: string;
  beforeAll(async () => void (endpoint = await uri.start()));
  afterAll(() => uri.close());

  it('signs with what a real Credential (credentials_uri type) gets, asking its getCredential() for each call', async () => {
    const credential = new Credential({ type: 'credentials_uri', credentialsURI: `${endpoint}/sts` } as never);
    api.reply({ status: 200, body: alibabaStatistics }, { status: 200, body: alibabaStatistics });
    const client = alibabaClientWith(fromAlibabaCredentialClient(credential));
    await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    // the library keeps its session until near expiry: one fetch from the URI
    expect(uri.seen.map(({ path }) => path)).toEqual(['/sts']);
    for (const request of api.received) {
      expect(request.headers['x-acs-security-token']).toBe(sts.token);
      expect(request.headers.authorization).toBe(await acs3Authorization(wireRequest(request), sts.ak, sts.secret));
    }
  });
});

describe('@alicloud/credentials failures through the adapter', () => {
  // the library quotes what it was answered; the stand-in answers with a secret in each case
  const leaked = 'UriSecret-DO-NOT-LEAK-55';
  const uri = standIn((request, response) => {
    if (request.url === '/no-token') return json(response, 200, { Code: 'Success', AccessKeyId: sts.ak, AccessKeySecret: leaked });
    if (request.url === '/denied') {
      response.writeHead(500);
      return response.end(`denied for ${leaked}`);
    }
    response.writeHead(200);
    response.end(`not json ${leaked}`);
  });
  let endpoint: string;
  beforeAll(async () => void (endpoint = await uri.start()));
  afterAll(() => uri.close());

  it.each<[string, { given: () => string; want: string }]>([
    [
      'an answer without a token (the library quotes the JSON, secret and all)',
      { given: () => `${endpoint}/no-token`, want: 'error retrieving credentials from credentialsURI result: …' },
    ],
    ['a 500 (the library quotes the body)', { given: () => `${endpoint}/denied`, want: 'get sts token failed, httpStatus: 500, message = …' }],
    ['an answer that is not JSON (quoted twice)', { given: () => `${endpoint}/not-json`, want: 'get sts token failed, json parse failed: …' }],
  ])('%s: the call fails as credentials, saying what failed, with the quote withheld', async (_name, { given, want }) => {
    const credential = new Credential({ type: 'credentials_uri', credentialsURI: given() } as never);
    const { error } = await alibabaClientWith(fromAlibabaCredentialClient(credential)).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    expect(error).toMatchObject({ kind: 'credentials', message: 'the credentials provider failed' });
    expect((error!.cause as Error).message).toBe(`@alicloud/credentials: ${want} (the rest is withheld: it can quote secrets)`);
    expectNoSecretIn(error, [leaked]);
    expect(api.received).toHaveLength(0);
  });

  it("an unreachable URI: the library's reason stays whole, the token in the URI's query does not", async () => {
    const credential = new Credential({ type: 'credentials_uri', credentialsURI: `http://127.0.0.1:9/sts?token=${leaked}` } as never);
    const { error } = await alibabaClientWith(fromAlibabaCredentialClient(credential)).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } });
    expect((error!.cause as Error).message).toBe('@alicloud/credentials: connect ECONNREFUSED 127.0.0.1:9GET http://127.0.0.1:9/sts?… failed.');
    expectNoSecretIn(error, [leaked]);
  });
});
