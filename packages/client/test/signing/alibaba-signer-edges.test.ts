// The Alibaba signers at the edges the vendor vectors do not reach: each refusal word for word,
// a caller's Host header, repeated names, an empty STS token refused, and the bound entry points.
import { describe, expect, it } from 'vitest';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { ClientInputError } from '../../src/core/errors.js';
import { signAlibabaHbrAcs3Request, signAlibabaHbrRpcV2Request } from '../../src/alibaba-hbr/sign.js';
import type { SigningRequest } from '../../src/signing/request.js';
import { inputError } from '../support/input-error.js';
import { nodeCrypto } from './backends.js';

const date = new Date('2026-11-23T10:15:00Z');
const creds = { accessKeyId: 'AK', accessKeySecret: 'SK-edges' };
const options = { action: 'GetBasicStatistics', version: '2017-09-08', date, nonce: 'n' };
const root = 'https://hbr.cn-shenzhen.aliyuncs.com/';
const get = (url = root, headers: SigningRequest['headers'] = {}): SigningRequest => ({ method: 'GET', url, headers });
const formPost = (contentType: string | undefined, body: string): SigningRequest => ({
  method: 'POST',
  url: root,
  headers: contentType === undefined ? {} : { 'content-type': contentType },
  body,
});

type Signer = (request: SigningRequest, credentials: unknown, options: unknown) => Promise<unknown>;
const acs3: Signer = (request, credentials, given) => signAlibabaAcs3Request(request, credentials as typeof creds, nodeCrypto, given as typeof options);
const rpc: Signer = (request, credentials, given) => signAlibabaRpcV2Request(request, credentials as typeof creds, nodeCrypto, given as typeof options);

describe('Alibaba signers refuse bad input word for word', () => {
  it.each<[string, Signer, SigningRequest, object, string]>([
    [
      'acs3: an x-acs-version header that disagrees with options.version',
      acs3,
      get(root, { 'x-acs-version': '2020-01-01' }),
      options,
      'version conflicts with the x-acs-version header already on the request',
    ],
    ['acs3: a nonce with a space', acs3, get(), { ...options, nonce: 'a b' }, 'nonce must only contain visible ASCII characters'],
    ['acs3: a version with a space', acs3, get(), { ...options, version: '2017 09 08' }, 'version must only contain visible ASCII characters'],
    ['rpc v2: a version with a space', rpc, get(), { ...options, version: '2017 09 08' }, 'version must only contain visible ASCII characters'],
    ['rpc v2: a format with a space', rpc, get(), { ...options, format: 'J SON' }, 'format must only contain visible ASCII characters'],
    [
      'rpc v2: a Format parameter that disagrees with options.format',
      rpc,
      get(`${root}?Format=XML`),
      { ...options, format: 'JSON' },
      'format conflicts with the Format parameter already on the request',
    ],
    [
      'rpc v2: a Version parameter that disagrees with options.version',
      rpc,
      get(`${root}?Version=2020-01-01`),
      options,
      'version conflicts with the Version parameter already on the request',
    ],
    [
      'rpc v2: a body without a content-type',
      rpc,
      formPost(undefined, 'SourceType=ECS_FILE'),
      options,
      'body must be application/x-www-form-urlencoded (with that content-type header) for RPC V2 signing',
    ],
  ])('%s', async (_what, sign, request, given, message) => {
    await expect(sign(request, creds, given)).rejects.toThrow(inputError(message));
  });
});

describe('the ACS3 signer', () => {
  it.each([
    ["the URL's host when the request has no Host header", {}, 'hbr.cn-shenzhen.aliyuncs.com'],
    ["a caller's Host header instead of the URL's host", { Host: 'hbr-proxy.example.com' }, 'hbr-proxy.example.com'],
  ])('signs %s', async (_what, headers, signedHost) => {
    const result = await signAlibabaAcs3Request(get(root, headers), creds, nodeCrypto, options);
    expect(result.canonicalRequest).toContain(`\nhost:${signedHost}\n`);
    expect(result.headers).not.toHaveProperty('host');
  });

  it('signs a repeated x-acs-* header once, its values trimmed and joined with ","', async () => {
    const result = await signAlibabaAcs3Request(get(root, { 'x-acs-tag': ' one ', 'X-Acs-Tag': 'two ' }), creds, nodeCrypto, options);
    expect(result.canonicalRequest).toContain('\nx-acs-tag:one,two\n');
  });
});

describe('the RPC V2 signer', () => {
  it('lists a repeated parameter once among the signed ones, and signs both values', async () => {
    const result = await signAlibabaRpcV2Request(get(`${root}?Tag=b&Tag=a`), creds, nodeCrypto, options);
    expect(result.signedParameters).toEqual([
      'AccessKeyId',
      'Action',
      'Format',
      'SignatureMethod',
      'SignatureNonce',
      'SignatureVersion',
      'Tag',
      'Timestamp',
      'Version',
    ]);
    expect(result.canonicalRequest).toContain('&Tag=a&Tag=b&');
  });

  it('sends Format=json when neither the URL nor the options name one', async () => {
    const result = await signAlibabaRpcV2Request(get(), creds, nodeCrypto, options);
    expect(result.query.Format).toBe('json');
  });

  it.each(['application/x-www-form-urlencoded ; charset=utf-8', 'Application/X-WWW-Form-Urlencoded'])('signs a form body sent as %s', async (contentType) => {
    const result = await signAlibabaRpcV2Request(formPost(contentType, 'SourceType=ECS_FILE'), creds, nodeCrypto, options);
    expect(result.canonicalRequest).toContain('&SourceType=ECS_FILE&');
  });

  it('signs parameters whose names only contain a signer-owned name', async () => {
    const result = await signAlibabaRpcV2Request(get(`${root}?StartTimestamp=1&TimestampTo=2&MyAccessKeyId=3`), creds, nodeCrypto, options);
    expect(result.signedParameters).toEqual(expect.arrayContaining(['StartTimestamp', 'TimestampTo', 'MyAccessKeyId']));
  });
});

describe('an empty or null securityToken is refused, as the typed client and the verifier refuse it', () => {
  it.each<[string, Signer, unknown]>([
    ['acs3, empty', acs3, ''],
    ['acs3, null', acs3, null],
    ['rpc v2, empty', rpc, ''],
    ['rpc v2, null', rpc, null],
  ])('%s', async (_name, sign, securityToken) => {
    const signing = sign(get(), { ...creds, securityToken } as typeof creds, options);
    await expect(signing).rejects.toThrow(new ClientInputError('securityToken', 'must be a non-empty string'));
  });
});

describe('the signers bound to this runtime', () => {
  it.each<[string, () => Promise<{ signature: string }>, () => Promise<{ signature: string }>]>([
    ['signAlibabaHbrAcs3Request', () => signAlibabaHbrAcs3Request(get(), creds, options), () => signAlibabaAcs3Request(get(), creds, nodeCrypto, options)],
    ['signAlibabaHbrRpcV2Request', () => signAlibabaHbrRpcV2Request(get(), creds, options), () => signAlibabaRpcV2Request(get(), creds, nodeCrypto, options)],
  ])('%s signs as the signer does with node:crypto', async (_name, bound, direct) => {
    const [a, b] = await Promise.all([bound(), direct()]);
    expect(a.signature).toMatch(/\S{20,}/);
    expect(a).toEqual(b);
  });
});
