// The verifying mode (src/front/ with the verifiers of src/credentials.ts, in-process fronts
// against the suite's real Prism, as startMock({ verifySignatures }) wires them): requests signed by this repo's client pass; the same
// requests with one signed part changed, a wrong secret, an unknown key or token, a stale date, a
// reused nonce or a missing signed header are refused in the vendor's own error shape, with a
// message that names what the server signed. Requests are sent as raw bytes (node:http), so
// each mutation reaches the mock exactly as written.
import { createHash } from 'node:crypto';
import {
  type AlibabaCredentials,
  createAlibabaHbrClient,
  signAlibabaHbrAcs3Request,
  signAlibabaHbrRpcV2Request,
} from '@cloud-backup-contracts/client/alibaba-hbr';
import { createHuaweiVbsClient, signHuaweiVbsRequest } from '@cloud-backup-contracts/client/huawei-vbs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { VerifyingCredentials } from '../src/credentials.ts';
import { callOperation, type CallResult } from './support/clients.ts';
import { exampleInput, loadContract, responseSchemaPointer, schemaErrors } from './support/contract.ts';
import { type Fronts, startFronts } from './support/fronts.ts';
import { type RawRequest, type RawResponse, sendRaw } from './support/raw-http.ts';

const project = '0605767c3f00d5762fa8c0147ee18d02';
const huaweiKey = { accessKeyId: 'HWVERIFYAK', secretAccessKey: 'huawei-verify-secret' };
const huaweiToken = 'huawei-verify-token';
const huaweiTemporaryKey = { accessKeyId: 'HWVERIFYTEMPAK', secretAccessKey: 'huawei-temporary-secret', securityToken: 'huawei/sts+token=' };
const alibabaKey = { accessKeyId: 'LTAIverify', accessKeySecret: 'alibaba-verify-secret' };
const stsKey = { accessKeyId: 'STS.verify', accessKeySecret: 'sts-verify-secret', securityToken: 'sts/verify+token==' };
const credentials: VerifyingCredentials = {
  'huawei-vbs': { aksk: [huaweiKey, huaweiTemporaryKey], tokens: [huaweiToken] },
  'alibaba-hbr': { aksk: [alibabaKey, stsKey] },
};
/** Every secret the mock knows, as sent and percent-encoded (once and twice, as in a V2 string to sign): none may appear in any answer. */
const secrets = [
  'aHVhd2VpOnNlY3JldA==',
  huaweiKey.secretAccessKey,
  huaweiToken,
  huaweiTemporaryKey.secretAccessKey,
  huaweiTemporaryKey.securityToken,
  alibabaKey.accessKeySecret,
  stsKey.accessKeySecret,
  stsKey.securityToken,
].flatMap((secret) => [secret, encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))]);
const minutes = (n: number) => n * 60_000;

let mock: Fronts;
beforeAll(async () => {
  mock = await startFronts({ credentials });
});
afterAll(() => mock?.close());

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

// ---- requests signed by the client's exported signers ----

/** A request as the tests build it: a text body. */
type Sent = Omit<RawRequest, 'body'> & { body?: string };
type Unsigned = Omit<Sent, 'url'> & { path: string };

async function huaweiSigned(request: Unsigned, key = huaweiKey, date?: Date): Promise<Sent> {
  const url = `${mock.urls['huawei-vbs']}${request.path}`;
  const { headers } = await signHuaweiVbsRequest({ method: request.method, url, headers: request.headers, body: request.body }, key, { date });
  return { method: request.method, url, headers: { ...request.headers, ...lower(headers) }, body: request.body };
}

const acs3Options = { action: 'GetBasicStatistics', version: '2017-09-08' };
async function acs3Signed(request: Unsigned, key: AlibabaCredentials = alibabaKey, date?: Date): Promise<Sent> {
  const url = `${mock.urls['alibaba-hbr']}${request.path}`;
  const { headers } = await signAlibabaHbrAcs3Request({ method: request.method, url, headers: request.headers, body: request.body }, key, {
    ...acs3Options,
    date,
  });
  return { method: request.method, url, headers: { ...request.headers, ...lower(headers) }, body: request.body };
}

async function rpcV2Signed(request: Unsigned, key: AlibabaCredentials = alibabaKey, date?: Date): Promise<Sent> {
  const { url } = await signAlibabaHbrRpcV2Request(
    { method: request.method, url: `${mock.urls['alibaba-hbr']}${request.path}`, headers: request.headers, body: request.body },
    key,
    { ...acs3Options, date },
  );
  return { method: request.method, url, headers: request.headers, body: request.body };
}

const countPath = `/v2/${project}/os-vendor-backup-sharing/count?name=nightly`;
const huaweiGet: Unsigned = { method: 'GET', path: countPath, headers: { 'x-project-id': project } };
const createBody = '{"shared":{"backup_id":"066b1e37-9305-4057-97e5-2e99b21fc71d","to_project_ids":["722513ed0a324dadaabe5b2d0fe848c9"]}}';
const huaweiPost: Unsigned = {
  method: 'POST',
  path: `/v2/${project}/os-vendor-backup-sharing`,
  headers: { 'content-type': 'application/json', 'x-project-id': project },
  body: createBody,
};
const acs3Post: Unsigned = { method: 'POST', path: '/?SourceType=ECS_FILE', headers: {} };
const acs3WithBody: Unsigned = { method: 'POST', path: '/?SourceType=ECS_FILE', headers: { 'content-type': 'application/json' }, body: '{"probe":1}' };
const rpcGet: Unsigned = { method: 'GET', path: '/?SourceType=ECS_FILE', headers: {} };
const rpcForm: Unsigned = { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'SourceType=ECS_FILE' };

/** The request with one byte of a header value changed (its last character). */
const nudge = (text: string) => `${text.slice(0, -1)}${text.endsWith('9') ? '8' : String.fromCharCode(text.charCodeAt(text.length - 1) + 1)}`;
/** A signing time moved by one second or so: its last digit changed. */
const nudgeTime = (text: string) => text.replace(/(\d)(\D*)$/, (_all, digit: string, rest: string) => `${digit === '9' ? '8' : Number(digit) + 1}${rest}`);
const withHeader = (request: Sent, name: string, value: string): Sent => ({ ...request, headers: { ...request.headers, [name]: value } });
const withoutHeader = (request: Sent, name: string): Sent => {
  const { [name]: _dropped, ...headers } = request.headers;
  return { ...request, headers };
};

interface Refused {
  status: number;
  code: string;
  message: string;
  body: Record<string, unknown>;
}

/** The refusal's status, code and message in either vendor's shape; checks it is one and leaks no secret. */
function refusal(response: RawResponse): Refused {
  for (const secret of secrets) expect(response.body).not.toContain(secret);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  const code = String(body.error_code ?? body.Code);
  const message = String(body.error_msg ?? body.Message);
  return { status: response.status, code, message, body };
}

/** The body is the documented error shape of that status for every operation of the API. */
function expectDocumentedShape(api: 'huawei-vbs' | 'alibaba-hbr', status: number, body: unknown): void {
  const contract = loadContract(api);
  for (const operation of contract.operations) {
    expect(schemaErrors(contract, responseSchemaPointer(contract, operation, status)!, body), `${operation.operationId} ${status}`).toEqual([]);
  }
}

describe('requests signed by the client pass', () => {
  const typed = {
    token: () => createHuaweiVbsClient({ baseUrl: mock.urls['huawei-vbs'], projectId: project, retry: false, auth: { type: 'token', token: huaweiToken } }),
    aksk: () => createHuaweiVbsClient({ baseUrl: mock.urls['huawei-vbs'], projectId: project, retry: false, auth: { type: 'aksk', ...huaweiKey } }),
    acs3: () => createAlibabaHbrClient({ baseUrl: mock.urls['alibaba-hbr'], retry: false, auth: { type: 'acs3', ...alibabaKey } }),
    'rpc-v2': () => createAlibabaHbrClient({ baseUrl: mock.urls['alibaba-hbr'], retry: false, auth: { type: 'rpc-v2', ...alibabaKey } }),
    'acs3 with an STS token': () => createAlibabaHbrClient({ baseUrl: mock.urls['alibaba-hbr'], retry: false, auth: { type: 'acs3', ...stsKey } }),
    'rpc-v2 with an STS token': () => createAlibabaHbrClient({ baseUrl: mock.urls['alibaba-hbr'], retry: false, auth: { type: 'rpc-v2', ...stsKey } }),
  };
  const cases = Object.entries(typed).flatMap(([auth, create]) => {
    const api = auth === 'token' || auth === 'aksk' ? 'huawei-vbs' : 'alibaba-hbr';
    return loadContract(api).operations.map((operation) => [auth, operation.operationId, create, operation] as const);
  });
  it.each(cases)('%s: %s', async (_auth, _operationId, create, operation) => {
    const result: CallResult = await callOperation(create(), operation.operationId, exampleInput(operation));
    expect(result.error?.message).toBeUndefined();
    expect(result.response?.status).toBe(200);
  });

  it.each([
    ['SDK-HMAC-SHA256 with a body', () => huaweiSigned(huaweiPost)],
    ['ACS3 with a body', () => acs3Signed(acs3WithBody)],
    ['RPC V2 with a form body', () => rpcV2Signed(rpcForm)],
  ])('%s, sent as raw bytes, gets past the check', async (_what, sign) => {
    const response = await sendRaw(await sign());
    // the contract may still refuse the request, but never for its signature
    expect(response.body).not.toMatch(/APIG\.0301|Signature|IncompleteSignature|AccessKey/);
  });
});

describe('one changed byte in a signed part is refused, naming what the server signed', () => {
  // [scheme, changed part, the signed request, the change, a fragment the message must show]
  const changes: [string, string, () => Promise<Sent>, (request: Sent) => Sent, (request: Sent) => string][] = [
    ['huawei', 'method', () => huaweiSigned(huaweiGet), (r) => ({ ...r, method: 'PUT' }), () => 'canonical request is "PUT\\n/v2/'],
    ['huawei', 'path', () => huaweiSigned(huaweiGet), (r) => ({ ...r, url: r.url.replace(project, nudge(project)) }), () => `\\n/v2/${nudge(project)}/`],
    ['huawei', 'query', () => huaweiSigned(huaweiGet), (r) => ({ ...r, url: r.url.replace('nightly', 'nightlz') }), () => '\\nname=nightlz\\n'],
    [
      'huawei',
      'a signed header',
      () => huaweiSigned(huaweiGet),
      (r) => withHeader(r, 'x-project-id', nudge(project)),
      () => `\\nx-project-id:${nudge(project)}\\n`,
    ],
    ['huawei', 'body', () => huaweiSigned(huaweiPost), (r) => ({ ...r, body: r.body!.replace('722513ed', '722513ee') }), (r) => sha256(r.body!)],
    [
      'huawei',
      'date',
      () => huaweiSigned(huaweiGet),
      (r) => withHeader(r, 'x-sdk-date', nudgeTime(r.headers['x-sdk-date']!)),
      (r) => `SDK-HMAC-SHA256\\n${r.headers['x-sdk-date']}\\n`,
    ],
    ['acs3', 'method', () => acs3Signed(acs3Post), (r) => ({ ...r, method: 'PUT' }), () => 'canonical request is "PUT\\n/\\n'],
    ['acs3', 'path', () => acs3Signed(acs3Post), (r) => ({ ...r, url: r.url.replace('/?', '/a?') }), () => 'canonical request is "POST\\n/a\\n'],
    ['acs3', 'query', () => acs3Signed(acs3Post), (r) => ({ ...r, url: r.url.replace('ECS_FILE', 'ECS_FILF') }), () => '\\nSourceType=ECS_FILF\\n'],
    ['acs3', 'a signed header', () => acs3Signed(acs3Post), (r) => withHeader(r, 'x-acs-version', '2017-09-09'), () => '\\nx-acs-version:2017-09-09\\n'],
    ['acs3', 'body', () => acs3Signed(acs3WithBody), (r) => ({ ...r, body: '{"probe":2}' }), () => `the body the server received is ${sha256('{"probe":2}')}`],
    [
      'acs3',
      'date',
      () => acs3Signed(acs3Post),
      (r) => withHeader(r, 'x-acs-date', nudgeTime(r.headers['x-acs-date']!)),
      (r) => `\\nx-acs-date:${r.headers['x-acs-date']}\\n`,
    ],
    ['rpc-v2', 'method', () => rpcV2Signed(rpcGet), (r) => ({ ...r, method: 'POST' }), () => 'server string to sign is:POST&%2F&'],
    ['rpc-v2', 'query', () => rpcV2Signed(rpcGet), (r) => ({ ...r, url: r.url.replace('ECS_FILE', 'ECS_FILF') }), () => '%26SourceType%3DECS_FILF%26'],
    ['rpc-v2', 'body', () => rpcV2Signed(rpcForm), (r) => ({ ...r, body: 'SourceType=ECS_FILF' }), () => '%26SourceType%3DECS_FILF%26'],
    [
      'rpc-v2',
      'date',
      () => rpcV2Signed(rpcGet),
      (r) => {
        const stamp = new URL(r.url).searchParams.get('Timestamp')!;
        return { ...r, url: r.url.replace(encodeURIComponent(stamp), encodeURIComponent(nudgeTime(stamp))) };
      },
      (r) => `%26Timestamp%3D${encodeURIComponent(encodeURIComponent(new URL(r.url).searchParams.get('Timestamp')!))}`,
    ],
  ];
  it.each(changes)('%s: the %s', async (scheme, _part, sign, change, fragment) => {
    const signed = await sign();
    const changed = change(signed);
    expect(changed).not.toEqual(signed);
    const refused = refusal(await sendRaw(changed));
    if (scheme === 'huawei') {
      expect([refused.status, refused.code]).toEqual([401, 'APIG.0301']);
      expectDocumentedShape('huawei-vbs', 401, refused.body);
    } else {
      expect([refused.status, refused.code]).toEqual([400, 'SignatureDoesNotMatch']);
      expectDocumentedShape('alibaba-hbr', 400, refused.body);
    }
    expect(refused.message).toContain(fragment(changed));
  });

  it('the same requests unchanged are not refused for their signature', async () => {
    for (const sign of [() => huaweiSigned(huaweiGet), () => acs3Signed(acs3Post), () => rpcV2Signed(rpcGet)]) {
      expect((await sendRaw(await sign())).status).toBe(200);
    }
  });
});

describe('keys, tokens, dates, nonces and signed headers', () => {
  const wrongSecret = { huawei: { ...huaweiKey, secretAccessKey: 'not-the-secret' }, alibaba: { ...alibabaKey, accessKeySecret: 'not-the-secret' } };
  const unknownKey = { huawei: { ...huaweiKey, accessKeyId: 'HWUNKNOWN' }, alibaba: { ...alibabaKey, accessKeyId: 'LTAIunknown' } };
  // signing times taken when each request is signed, so the distance is what the test says
  const stale = () => new Date(Date.now() - minutes(16));
  const early = () => new Date(Date.now() + minutes(16));
  // [what, the request, status, code, message fragment]
  const refusals: [string, () => Promise<Sent>, number, string, string | RegExp][] = [
    ['huawei: a wrong secret', () => huaweiSigned(huaweiGet, wrongSecret.huawei), 401, 'APIG.0301', 'the signature does not match'],
    ['acs3: a wrong secret', () => acs3Signed(acs3Post, wrongSecret.alibaba), 400, 'SignatureDoesNotMatch', 'does not match our calculation'],
    ['rpc-v2: a wrong secret', () => rpcV2Signed(rpcGet, wrongSecret.alibaba), 400, 'SignatureDoesNotMatch', 'server string to sign is:GET&%2F&'],
    ['huawei: an unknown access key', () => huaweiSigned(huaweiGet, unknownKey.huawei), 401, 'APIG.0301', 'the access key HWUNKNOWN is not known'],
    ['acs3: an unknown access key', () => acs3Signed(acs3Post, unknownKey.alibaba), 404, 'InvalidAccessKeyId.NotFound', 'LTAIunknown'],
    ['rpc-v2: an unknown access key', () => rpcV2Signed(rpcGet, unknownKey.alibaba), 404, 'InvalidAccessKeyId.NotFound', 'LTAIunknown'],
    [
      'huawei: a token not in the list',
      async () => ({ method: 'GET', url: `${mock.urls['huawei-vbs']}${countPath}`, headers: { 'x-auth-token': 'some-other-token' } }),
      401,
      'APIG.0301',
      'the X-Auth-Token is not one of the tokens this server accepts',
    ],
    [
      'huawei: no auth at all',
      async () => ({ method: 'GET', url: `${mock.urls['huawei-vbs']}${countPath}`, headers: {} }),
      401,
      'APIG.0301',
      'neither an X-Auth-Token',
    ],
    [
      'alibaba: no signature at all',
      async () => ({ method: 'GET', url: `${mock.urls['alibaba-hbr']}/?SourceType=ECS_FILE`, headers: {} }),
      400,
      'IncompleteSignature',
      'neither a Signature parameter',
    ],
    [
      'huawei: a date 16 minutes old',
      () => huaweiSigned(huaweiGet, huaweiKey, stale()),
      401,
      'APIG.0301',
      /X-Sdk-Date \d{8}T\d{6}Z is 16 min [01] s behind the server's clock/,
    ],
    ['huawei: a date 16 minutes ahead', () => huaweiSigned(huaweiGet, huaweiKey, early()), 401, 'APIG.0301', /is 1[56] min \d+ s ahead of the server's clock/],
    ['acs3: a date 16 minutes old', () => acs3Signed(acs3Post, alibabaKey, stale()), 400, 'InvalidTimeStamp.Expired', /x-acs-date \S+ is 16 min [01] s behind/],
    ['rpc-v2: a date 16 minutes old', () => rpcV2Signed(rpcGet, alibabaKey, stale()), 400, 'InvalidTimeStamp.Expired', /Timestamp \S+ is 16 min [01] s behind/],
    [
      'huawei: a signed header missing from the request',
      async () => withoutHeader(await huaweiSigned(huaweiGet), 'x-project-id'),
      401,
      'APIG.0301',
      'the signed header x-project-id is not on the request',
    ],
    [
      'huawei: host left out of SignedHeaders',
      async () => {
        const signed = await huaweiSigned(huaweiGet);
        return withHeader(signed, 'authorization', signed.headers.authorization!.replace('SignedHeaders=host;', 'SignedHeaders='));
      },
      401,
      'APIG.0301',
      'SignedHeaders must include host',
    ],
    [
      'acs3: a signed header missing from the request',
      async () => withoutHeader(await acs3Signed(acs3Post), 'x-acs-action'),
      400,
      'IncompleteSignature',
      'the signed header x-acs-action is not on the request',
    ],
    [
      'acs3: the nonce left out of SignedHeaders',
      async () => {
        const signed = await acs3Signed(acs3Post);
        return withHeader(signed, 'authorization', signed.headers.authorization!.replace(';x-acs-signature-nonce', ''));
      },
      400,
      'IncompleteSignature',
      'x-acs-signature-nonce must be signed',
    ],
    [
      'acs3: an unsigned x-acs- header added',
      async () => withHeader(await acs3Signed(acs3Post), 'x-acs-extra', '1'),
      400,
      'IncompleteSignature',
      'x-acs-extra must be signed',
    ],
    [
      'acs3: an STS key without its token',
      () => acs3Signed(acs3Post, { accessKeyId: stsKey.accessKeyId, accessKeySecret: stsKey.accessKeySecret }),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'STS.verify is a temporary (STS) access key, so the request must carry its x-acs-security-token',
    ],
    [
      'rpc-v2: another token for the STS key',
      () => rpcV2Signed(rpcGet, { ...stsKey, securityToken: 'another-token' }),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'the SecurityToken does not belong to STS.verify',
    ],
    [
      'acs3: a token for a key that has none',
      () => acs3Signed(acs3Post, { ...alibabaKey, securityToken: 'unexpected' }),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'LTAIverify is not a temporary (STS) access key',
    ],
    [
      'huawei: an Authorization of another scheme (never echoed past its name)',
      async () => ({ method: 'GET', url: `${mock.urls['huawei-vbs']}${countPath}`, headers: { authorization: 'Basic aHVhd2VpOnNlY3JldA==' } }),
      401,
      'APIG.0301',
      'the Authorization header is not SDK-HMAC-SHA256 (it starts with "Basic")',
    ],
    [
      'huawei: an Authorization without its parts',
      async () => ({ method: 'GET', url: `${mock.urls['huawei-vbs']}${countPath}`, headers: { authorization: 'SDK-HMAC-SHA256 garbage' } }),
      401,
      'APIG.0301',
      'the Authorization header has no Access= part',
    ],
    [
      'huawei: an X-Sdk-Date in another form',
      async () => withHeader(await huaweiSigned(huaweiGet), 'x-sdk-date', 'yesterday'),
      401,
      'APIG.0301',
      'X-Sdk-Date must have the form YYYYMMDDTHHMMSSZ, but it is yesterday',
    ],
    [
      'acs3: an Authorization without a Credential',
      async () => ({
        method: 'POST',
        url: `${mock.urls['alibaba-hbr']}/?SourceType=ECS_FILE`,
        headers: { authorization: 'ACS3-HMAC-SHA256 SignedHeaders=host,Signature=00' },
      }),
      400,
      'IncompleteSignature',
      'the Authorization header has no Credential= part',
    ],
    [
      'acs3: an x-acs-date in another form',
      async () => withHeader(await acs3Signed(acs3Post), 'x-acs-date', '28 Nov 2026 12:00:00 GMT'),
      400,
      'InvalidTimeStamp.Format',
      'x-acs-date must be YYYY-MM-DDThh:mm:ssZ, but it is 28 Nov 2026 12:00:00 GMT',
    ],
    [
      'rpc-v2: another signature method',
      async () => {
        const signed = await rpcV2Signed(rpcGet);
        return { ...signed, url: signed.url.replace('SignatureMethod=HMAC-SHA1', 'SignatureMethod=HMAC-SHA256') };
      },
      400,
      'InvalidParameter',
      'The specified parameter "SignatureMethod" must be HMAC-SHA1, but it is HMAC-SHA256',
    ],
    [
      'rpc-v2: no SignatureNonce',
      async () => {
        const signed = await rpcV2Signed(rpcGet);
        return { ...signed, url: signed.url.replace(/&SignatureNonce=[^&]*/, '') };
      },
      400,
      'MissingParameter',
      'The input parameter "SignatureNonce" that is mandatory for processing this request is not supplied.',
    ],
  ];
  it.each(refusals)('refuses %s', async (_what, build, status, code, fragment) => {
    const refused = refusal(await sendRaw(await build()));
    expect([refused.status, refused.code]).toEqual([status, code]);
    expect(refused.message).toMatch(fragment);
    expectDocumentedShape(status === 401 ? 'huawei-vbs' : 'alibaba-hbr', status, refused.body);
  });

  it.each([
    ['acs3', () => acs3Signed(acs3Post)],
    ['rpc-v2', () => rpcV2Signed(rpcGet)],
  ])('%s: a nonce is accepted once', async (_scheme, sign) => {
    const request = await sign();
    expect((await sendRaw(request)).status).toBe(200);
    const again = refusal(await sendRaw(request));
    expect([again.status, again.code]).toEqual([400, 'SignatureNonceUsed']);
  });

  it.each([
    ['acs3', () => acs3Signed(acs3Post, { ...stsKey, accessKeySecret: 'not-the-secret' }), 'x-acs-security-token:<masked>\\n'],
    ['rpc-v2', () => rpcV2Signed(rpcGet, { ...stsKey, accessKeySecret: 'not-the-secret' }), '%26SecurityToken%3D<masked>%26'],
    [
      'huawei',
      () =>
        huaweiSigned(
          { ...huaweiGet, headers: { ...huaweiGet.headers, 'x-security-token': huaweiTemporaryKey.securityToken } },
          { accessKeyId: huaweiTemporaryKey.accessKeyId, secretAccessKey: 'not-the-secret' },
        ),
      'x-security-token:<masked>\\n',
    ],
  ])('%s: a security token never appears in a refusal, even inside what the server signed', async (_scheme, sign, masked) => {
    const response = await sendRaw(await sign());
    expect(response.body).not.toContain('huawei/sts+token=');
    const refused = refusal(response);
    expect(refused.code).toMatch(/SignatureDoesNotMatch|APIG.0301/);
    expect(refused.message).toContain(masked);
  });

  it('a token in the list passes', async () => {
    const response = await sendRaw({ method: 'GET', url: `${mock.urls['huawei-vbs']}${countPath}`, headers: { 'x-auth-token': huaweiToken } });
    expect([response.status, JSON.parse(response.body)]).toEqual([200, { count: 2 }]);
  });
});

describe('without verifySignatures', () => {
  // the suite's shared mock is started plainly: Prism only checks that some auth is present
  it.each([
    [
      'a wrong SDK-HMAC-SHA256 signature',
      { authorization: 'SDK-HMAC-SHA256 Access=ANY, SignedHeaders=host;x-sdk-date, Signature=00', 'x-sdk-date': '20000101T000000Z' },
    ],
    ['a token no one issued', { 'x-auth-token': 'any-token' }],
  ])('%s is answered as before', async (_what, headers) => {
    const { urls } = inject('contractMock');
    const response = await sendRaw({ method: 'GET', url: `${urls['huawei-vbs']}${countPath}`, headers });
    expect([response.status, JSON.parse(response.body)]).toEqual([200, { count: 2 }]);
  });
});

describe('with stateful mode too', () => {
  let both: Fronts;
  beforeAll(async () => {
    both = await startFronts({ credentials, stateful: true });
  });
  afterAll(() => both?.close());

  it('a signed flow changes the state, and a mis-signed request leaves it alone', async () => {
    const backupId = 'dddddddd-4444-4444-8444-444444444444';
    const client = createHuaweiVbsClient({ baseUrl: both.urls['huawei-vbs'], projectId: project, retry: false, auth: { type: 'aksk', ...huaweiKey } });
    const forger = createHuaweiVbsClient({
      baseUrl: both.urls['huawei-vbs'],
      projectId: project,
      retry: false,
      auth: { type: 'aksk', ...huaweiKey, secretAccessKey: 'not-the-secret' },
    });
    const share = { body: { shared: { backup_id: backupId, to_project_ids: ['722513ed0a324dadaabe5b2d0fe848c9'] } } };
    expect((await callOperation(forger, 'createBackupShares', share)).error?.status).toBe(401);
    expect((await callOperation(client, 'countBackupShares', { query: { backup_id: backupId } })).data).toEqual({ count: 0 });
    expect((await callOperation(client, 'createBackupShares', share)).error).toBeUndefined();
    expect((await callOperation(client, 'countBackupShares', { query: { backup_id: backupId } })).data).toEqual({ count: 1 });
  });

  it('the reset route belongs to the mock, not the API: it needs no signature', async () => {
    const response = await sendRaw({ method: 'POST', url: `${both.urls['huawei-vbs']}/__mock/reset`, headers: {} });
    expect(response.status).toBe(204);
  });
});
