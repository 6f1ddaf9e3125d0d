// The Alibaba verifier (the contract mock's service side) on requests signed by the client's
// signers, ACS3 (headers) and RPC V2 (query): it accepts them unchanged at the server's time once
// per nonce, and refuses each broken part with the service's status, Code and Message.
import { describe, expect, it } from 'vitest';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { createAlibabaHbrVerifier } from '../../src/alibaba-hbr/verify.js';
import type { ReceivedRequest } from '../../src/signing/verify.js';
import { inputError } from '../support/input-error.js';
import { nodeCrypto } from './backends.js';

const accessKeySecret = 'SK-verifier-secret';
const securityToken = 'STS-token-value';
const signedAt = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const credentials = {
  aksk: [
    { accessKeyId: 'AK1', accessKeySecret },
    { accessKeyId: 'STS1', accessKeySecret, securityToken },
  ],
};
const newVerifier = () => createAlibabaHbrVerifier(credentials, { now: () => signedAt.getTime() });
const host = 'hbr.cn-hangzhou.aliyuncs.com';
const options = { action: 'DescribeBackupJobs2', version: '2017-09-08', date: signedAt, nonce: 'nonce-1' };

/** A POST signed with ACS3 as the server receives it. */
async function acs3Request(accessKeyId = 'AK1', token?: string): Promise<ReceivedRequest> {
  const body = '{"PageSize":5}';
  const signature = await signAlibabaAcs3Request(
    { method: 'POST', url: `https://${host}/?SourceType=ECS_FILE`, headers: { 'content-type': 'application/json' }, body },
    { accessKeyId, accessKeySecret, securityToken: token },
    nodeCrypto,
    options,
  );
  const headers = Object.fromEntries(Object.entries(signature.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: 'POST', url: '/?SourceType=ECS_FILE', headers: { host, 'content-type': 'application/json', ...headers }, body };
}

/** A GET signed with RPC V2 as the server receives it. */
async function rpcRequest(accessKeyId = 'AK1', token?: string, date = signedAt): Promise<ReceivedRequest> {
  const signature = await signAlibabaRpcV2Request(
    { method: 'GET', url: `https://${host}/?SourceType=ECS_FILE` },
    { accessKeyId, accessKeySecret, securityToken: token },
    nodeCrypto,
    { ...options, date },
  );
  return { method: 'GET', url: signature.url.slice(`https://${host}`.length), headers: { host }, body: '' };
}

const setHeaders = (request: ReceivedRequest, headers: ReceivedRequest['headers']): ReceivedRequest => ({
  ...request,
  headers: Object.fromEntries(Object.entries({ ...request.headers, ...headers }).filter(([, value]) => value !== undefined)),
});
const editAuthorization = (request: ReceivedRequest, from: string | RegExp, to: string) =>
  setHeaders(request, { authorization: (request.headers.authorization as string).replace(from, to) });
const editUrl = (request: ReceivedRequest, from: string | RegExp, to: string): ReceivedRequest => ({ ...request, url: request.url.replace(from, to) });

describe('the Alibaba verifier', () => {
  it.each([
    ['ACS3', () => acs3Request()],
    ['ACS3 with an STS token', () => acs3Request('STS1', securityToken)],
    ['RPC V2', () => rpcRequest()],
    ['RPC V2 with an STS token', () => rpcRequest('STS1', securityToken)],
  ])('accepts %s once, and refuses its replay', async (_what, signed) => {
    const verifier = newVerifier();
    const request = await signed();
    expect(await verifier.verify(request)).toBeUndefined();
    expect(await verifier.verify(request)).toMatchObject({
      status: 400,
      reason: 'SignatureNonceUsed: Specified signature nonce was used already: nonce-1',
      body: { Code: 'SignatureNonceUsed', HostId: host },
    });
  });

  it.each<[string, () => Promise<ReceivedRequest>, number, string, string]>([
    [
      'neither signature form',
      async () => setHeaders(await acs3Request(), { authorization: undefined }),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: it has neither a Signature parameter (signature V2) nor an ACS3-HMAC-SHA256 Authorization header (V3)',
    ],
    [
      'ACS3 without a Credential',
      async () => editAuthorization(await acs3Request(), 'Credential=AK1,', ''),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: the Authorization header has no Credential= part',
    ],
    [
      'ACS3 without a Signature',
      async () => editAuthorization(await acs3Request(), /,Signature=\w+/, ''),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: the Authorization header has no Signature= part',
    ],
    [
      'ACS3 by an unknown key',
      async () => editAuthorization(await acs3Request(), 'Credential=AK1', 'Credential=AK9'),
      404,
      'InvalidAccessKeyId.NotFound',
      'Specified access key is not found: AK9',
    ],
    [
      'ACS3 leaving a required header unsigned',
      async () => editAuthorization(await acs3Request(), ';x-acs-version', ''),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: x-acs-version must be signed, but SignedHeaders is content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce',
    ],
    [
      'ACS3 leaving host unsigned',
      async () => editAuthorization(await acs3Request(), 'content-type;host;', 'content-type;'),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: host must be signed, but SignedHeaders is content-type;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    ],
    [
      'an Authorization header of another scheme',
      async () => setHeaders(await acs3Request(), { authorization: 'Bearer abc' }),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: it has neither a Signature parameter (signature V2) nor an ACS3-HMAC-SHA256 Authorization header (V3)',
    ],
    [
      'ACS3 leaving an extra x-acs- header unsigned',
      async () => setHeaders(await acs3Request(), { 'x-acs-extra': '1' }),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: x-acs-extra must be signed, but SignedHeaders is content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    ],
    [
      'ACS3 with a signed header missing',
      async () => setHeaders(await acs3Request(), { 'content-type': undefined }),
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards: the signed header content-type is not on the request',
    ],
    [
      'ACS3 with a malformed date',
      async () => setHeaders(await acs3Request(), { 'x-acs-date': '20261128T120000Z' }),
      400,
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted: x-acs-date must be YYYY-MM-DDThh:mm:ssZ, but it is 20261128T120000Z',
    ],
    [
      'ACS3 with an impossible date',
      async () => setHeaders(await acs3Request(), { 'x-acs-date': '2026-13-28T12:00:00Z' }),
      400,
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted: x-acs-date must be YYYY-MM-DDThh:mm:ssZ, but it is 2026-13-28T12:00:00Z',
    ],
    [
      'ACS3 dated 20 minutes ahead',
      async () => setHeaders(await acs3Request(), { 'x-acs-date': '2026-11-28T12:20:00Z' }),
      400,
      'InvalidTimeStamp.Expired',
      "Specified time stamp or date value is expired: x-acs-date 2026-11-28T12:20:00Z is 20 min 0 s ahead of the server's clock (2026-11-28T12:00:00.000Z); at most 15 min 0 s is allowed",
    ],
    [
      'ACS3 with an STS token for a permanent key',
      async () => acs3Request('AK1', securityToken),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified security token does not match the access key: the request carries x-acs-security-token, but AK1 is not a temporary (STS) access key',
    ],
    [
      'ACS3 by an STS key without its token',
      async () => acs3Request('STS1'),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified security token does not match the access key: STS1 is a temporary (STS) access key, so the request must carry its x-acs-security-token',
    ],
    [
      'ACS3 by an STS key with another token',
      async () => acs3Request('STS1', 'other-token'),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified security token does not match the access key: the x-acs-security-token does not belong to STS1',
    ],
    [
      'ACS3 with a changed body',
      async () => ({ ...(await acs3Request()), body: '{"PageSize":6}' }),
      400,
      'SignatureDoesNotMatch',
      'x-acs-content-sha256 is 1d309b4c727b27e55d3acdcf0a06f0ed4a77d5d8e3838e4090569ca0133cc0b9, but the SHA-256 of the body the server received is 89eacc9f1bd54e4f13968aaa9939672585ce49de208e745e873f277971c646cc',
    ],
    [
      'RPC V2 without a Timestamp',
      async () => editUrl(await rpcRequest(), /&Timestamp=[^&]*/, ''),
      400,
      'MissingParameter',
      'The input parameter "Timestamp" that is mandatory for processing this request is not supplied.',
    ],
    [
      'RPC V2 without an AccessKeyId',
      async () => editUrl(await rpcRequest(), /&AccessKeyId=[^&]*/, ''),
      400,
      'MissingParameter',
      'The input parameter "AccessKeyId" that is mandatory for processing this request is not supplied.',
    ],
    [
      'RPC V2 without a SignatureNonce',
      async () => editUrl(await rpcRequest(), /&SignatureNonce=[^&]*/, ''),
      400,
      'MissingParameter',
      'The input parameter "SignatureNonce" that is mandatory for processing this request is not supplied.',
    ],
    [
      'RPC V2 with a Timestamp in the extended-year form',
      async () => editUrl(await rpcRequest(), /Timestamp=[^&]*/, 'Timestamp=%2B002026-11-28T12%3A00%3A00Z'),
      400,
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted: Timestamp must be YYYY-MM-DDThh:mm:ssZ, but it is +002026-11-28T12:00:00Z',
    ],
    [
      'RPC V2 with another SignatureMethod',
      async () => editUrl(await rpcRequest(), 'SignatureMethod=HMAC-SHA1', 'SignatureMethod=HMAC-SHA256'),
      400,
      'InvalidParameter',
      'The specified parameter "SignatureMethod" must be HMAC-SHA1, but it is HMAC-SHA256',
    ],
    [
      'RPC V2 with another SignatureVersion',
      async () => editUrl(await rpcRequest(), 'SignatureVersion=1.0', 'SignatureVersion=2.0'),
      400,
      'InvalidParameter',
      'The specified parameter "SignatureVersion" must be 1.0, but it is 2.0',
    ],
    [
      'RPC V2 by an unknown key',
      async () => editUrl(await rpcRequest(), 'AccessKeyId=AK1', 'AccessKeyId=AK9'),
      404,
      'InvalidAccessKeyId.NotFound',
      'Specified access key is not found: AK9',
    ],
    [
      'RPC V2 by an STS key without its token',
      async () => rpcRequest('STS1'),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified security token does not match the access key: STS1 is a temporary (STS) access key, so the request must carry its SecurityToken',
    ],
  ])('refuses %s', async (_what, build, status, code, message) => {
    const refusal = await newVerifier().verify(await build());
    expect(refusal).toMatchObject({ status, reason: `${code}: ${message}`, body: { Code: code, Message: message, HostId: host } });
    const body = refusal!.body as { RequestId: string; Recommend: string };
    expect(body.RequestId).toMatch(/^[\dA-F]{8}-[\dA-F]{4}-[\dA-F]{4}-[\dA-F]{4}-[\dA-F]{12}$/);
    expect(body.Recommend).toBe(
      `https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=${encodeURIComponent(code)}&product=hbr&requestId=${body.RequestId}`,
    );
    expect(JSON.stringify(refusal)).not.toContain(accessKeySecret);
  });

  it('refuses a changed ACS3 query, showing its canonical request', async () => {
    const refusal = await newVerifier().verify(editUrl(await acs3Request(), 'ECS_FILE', 'OSS'));
    expect(refusal?.reason).toMatch(
      /^SignatureDoesNotMatch: Specified signature does not match our calculation\. The server signed the headers content-type;host;x-acs-action;/,
    );
    expect(refusal?.reason).toContain(
      'its canonical request is "POST\\n/\\nSourceType=OSS\\ncontent-type:application/json\\nhost:hbr.cn-hangzhou.aliyuncs.com\\n',
    );
  });

  it('refuses a changed RPC V2 parameter, showing its string to sign with the STS token masked', async () => {
    const refusal = await newVerifier().verify(editUrl(await rpcRequest('STS1', securityToken), 'ECS_FILE', 'OSS'));
    expect(refusal?.reason).toMatch(
      /^SignatureDoesNotMatch: Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId%3DSTS1%26/,
    );
    expect(refusal?.reason).toContain('%26SecurityToken%3D<masked>%26SignatureMethod%3DHMAC-SHA1%26');
    expect(refusal?.reason).toContain('%26SourceType%3DOSS%26');
    expect(refusal?.reason).not.toContain(securityToken);
  });

  /** A POST with the form body SourceType=ECS_FILE, signed with RPC V2: the URL with the signer's parameters. */
  const formPostUrl = async () =>
    (
      await signAlibabaRpcV2Request(
        { method: 'POST', url: `https://${host}/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'SourceType=ECS_FILE' },
        { accessKeyId: 'AK1', accessKeySecret },
        nodeCrypto,
        options,
      )
    ).url;

  it('reads RPC V2 parameters from a form body', async () => {
    const url = await formPostUrl();
    const request = {
      method: 'POST',
      url: url.slice(`https://${host}`.length),
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'SourceType=ECS_FILE',
    };
    expect(await newVerifier().verify(request)).toBeUndefined();
    expect((await newVerifier().verify({ ...request, body: 'SourceType=OSS' }))?.reason).toMatch(/^SignatureDoesNotMatch: /);
  });

  it('names no host in a refusal of a request without a Host header', async () => {
    const refusal = await newVerifier().verify(setHeaders(await acs3Request(), { authorization: undefined, host: undefined }));
    expect(refusal?.body).toMatchObject({ Code: 'IncompleteSignature', HostId: '' });
  });

  it('remembers a nonce for twice the allowed skew, so a replay signed again 20 minutes later is refused', async () => {
    let now = signedAt.getTime();
    const verifier = createAlibabaHbrVerifier(credentials, { now: () => now });
    expect(await verifier.verify(await rpcRequest())).toBeUndefined();
    now += 20 * 60_000;
    const replay = await rpcRequest('AK1', undefined, new Date(now));
    expect((await verifier.verify(replay))?.reason).toBe('SignatureNonceUsed: Specified signature nonce was used already: nonce-1');
  });

  it('reads an RPC V2 request sent wholly as a form body, its URL without a query', async () => {
    const url = await formPostUrl();
    const body = `SourceType=ECS_FILE&${url.slice(url.indexOf('?') + 1)}`;
    const request = { method: 'POST', url: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body };
    expect(await newVerifier().verify(request)).toBeUndefined();
  });

  it.each(['text/plain', 'text/plain; note=application/x-www-form-urlencoded'])('reads no parameters from a %s body', async (contentType) => {
    const request = await rpcRequest();
    expect(await newVerifier().verify({ ...request, headers: { ...request.headers, 'content-type': contentType }, body: 'SourceType=OSS' })).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['an unknown field', { tokens: [] }, 'credentials.tokens is not a known field (known: aksk)'],
    [
      'an unknown key field',
      { aksk: [{ accessKeyId: 'AK', accessKeySecret: 'S', region: 'x' }] },
      'credentials.aksk[0].region is not a known field (known: accessKeyId, accessKeySecret, securityToken)',
    ],
    ['an empty access key id', { aksk: [{ accessKeyId: '', accessKeySecret: 'S' }] }, 'credentials.aksk[0].accessKeyId must be a non-empty string'],
    ['an empty secret', { aksk: [{ accessKeyId: 'AK', accessKeySecret: '' }] }, 'credentials.aksk[0].accessKeySecret must be a non-empty string'],
    [
      'a token with a space',
      { aksk: [{ accessKeyId: 'AK', accessKeySecret: 'S', securityToken: 'a b' }] },
      'credentials.aksk[0].securityToken must only contain visible ASCII characters',
    ],
  ])('refuses credentials with %s, naming the field', (_what, given, message) => {
    expect(() => createAlibabaHbrVerifier(given as never)).toThrow(inputError(message));
  });
});
