// Documented behaviour the vectors do not exercise (STS, host override, defaults, ...).
import { describe, expect, it, vi } from 'vitest';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { canonicalPath, canonicalQuery, percentEncode } from '../../src/signing/encoding.js';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import { signHuaweiVbsRequest } from '../../src/huawei-vbs/sign.js';
import { nodeCrypto } from './backends.js';

const date = new Date('2026-11-23T10:15:00Z');
const huaweiCreds = { accessKeyId: 'AK', secretAccessKey: 'SK-behaviour' };
const aliCreds = { accessKeyId: 'AK', accessKeySecret: 'SK-behaviour' };
const ali = { action: 'GetBasicStatistics', version: '2017-09-08', date, nonce: 'n' };

describe('encoding', () => {
  it('percent-encodes everything but RFC 3986 unreserved characters, as UTF-8 with upper-case hex', () => {
    expect(percentEncode("AZaz09-_.~ +/*!'()%:&=")).toBe('AZaz09-_.~%20%2B%2F%2A%21%27%28%29%25%3A%26%3D');
    expect(percentEncode('备份 1')).toBe('%E5%A4%87%E4%BB%BD%201');
    expect(percentEncode('\u{1F600}')).toBe('%F0%9F%98%80');
  });

  it('canonicalizes paths per segment after decoding once', () => {
    expect(canonicalPath('/')).toBe('/');
    expect(canonicalPath('/a%20b/c*d/')).toBe('/a%20b/c%2Ad/');
    expect(canonicalPath('/100%/x')).toBe('/100%25/x');
  });

  it('sorts the query by name, then value, before encoding', () => {
    expect(
      canonicalQuery([
        ['b', '2'],
        ['a', 'y'],
        ['a', 'x'],
        ['B', ''],
        ['a b', '1'],
      ]),
    ).toBe('B=&a=x&a=y&a%20b=1&b=2');
  });
});

describe('huawei', () => {
  const url = 'https://vbs.example.com:8443/v2/p/shares?b=1&a=2';

  it('signs a caller-provided host header instead of the URL host, and never returns host', async () => {
    const viaUrl = await signHuaweiRequest({ method: 'GET', url, headers: {} }, huaweiCreds, nodeCrypto, { date });
    expect(viaUrl.canonicalRequest).toContain('\nhost:vbs.example.com:8443\n');
    const viaHeader = await signHuaweiRequest({ method: 'GET', url, headers: { Host: 'other.example.com' } }, huaweiCreds, nodeCrypto, { date });
    expect(viaHeader.canonicalRequest).toContain('\nhost:other.example.com\n');
    expect(viaHeader.headers).not.toHaveProperty('host');
    expect(viaHeader.headers).not.toHaveProperty('Host');
  });

  it('signs header values untrimmed, joins repeated names like fetch, and never signs authorization', async () => {
    const result = await signHuaweiRequest(
      { method: 'get', url, headers: { 'X-A': ' padded ', 'x-a': 'second', Authorization: 'stale' } },
      huaweiCreds,
      nodeCrypto,
      { date },
    );
    expect(result.canonicalRequest.startsWith('GET\n/v2/p/shares/\na=2&b=1\n')).toBe(true);
    expect(result.canonicalRequest).toContain('\nx-a: padded , second\n');
    expect(result.signedHeaders).toBe('host;x-a;x-sdk-date');
  });

  it('uses X-Sdk-Content-Sha256 as the payload hash when present', async () => {
    const result = await signHuaweiRequest(
      { method: 'PUT', url, headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: 'ignored' },
      huaweiCreds,
      nodeCrypto,
      { date },
    );
    expect(result.payloadHash).toBe('UNSIGNED-PAYLOAD');
    expect(result.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect(result.signedHeaders).toBe('host;x-sdk-content-sha256;x-sdk-date');
  });

  it('signHuaweiVbsRequest signs as the signer does with node:crypto', async () => {
    const request = { method: 'GET', url, headers: {} };
    const bound = await signHuaweiVbsRequest(request, huaweiCreds, { date });
    expect(bound.signature).toMatch(/^[\da-f]{64}$/);
    expect(bound).toEqual(await signHuaweiRequest(request, huaweiCreds, nodeCrypto, { date }));
  });

  it('joins a repeated X-Sdk-Content-Sha256 like fetch, and signs that as the payload hash', async () => {
    const result = await signHuaweiRequest(
      { method: 'PUT', url, headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD', 'x-sdk-content-sha256': 'second' }, body: 'ignored' },
      huaweiCreds,
      nodeCrypto,
      { date },
    );
    expect(result.payloadHash).toBe('UNSIGNED-PAYLOAD, second');
  });

  it('defaults the date to now', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-02-03T04:05:06.789Z'));
      const result = await signHuaweiRequest({ method: 'GET', url, headers: {} }, huaweiCreds, nodeCrypto);
      expect(result.headers['X-Sdk-Date']).toBe('20310203T040506Z');
      expect(result.stringToSign.split('\n')[1]).toBe('20310203T040506Z');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('alibaba ACS3', () => {
  const request = { method: 'GET', url: 'https://hbr.cn-shenzhen.aliyuncs.com/?SourceType=ECS_FILE', headers: {} };

  it('adds and signs x-acs-accesskey-id and x-acs-security-token for STS credentials', async () => {
    const result = await signAlibabaAcs3Request(request, { ...aliCreds, securityToken: 'sts-token' }, nodeCrypto, ali);
    expect(result.signedHeaders).toBe(
      'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
    );
    expect(result.headers).toMatchObject({ 'x-acs-accesskey-id': 'AK', 'x-acs-security-token': 'sts-token' });
    expect(result.canonicalRequest).toContain('\nx-acs-security-token:sts-token\n');
    const plain = await signAlibabaAcs3Request(request, aliCreds, nodeCrypto, ali);
    expect(plain.headers).not.toHaveProperty('x-acs-security-token');
    expect(plain.signature).not.toBe(result.signature);
  });

  it('signs only host, content-type and x-acs-* headers, trimmed, and replaces signer-owned values', async () => {
    const result = await signAlibabaAcs3Request(
      {
        ...request,
        headers: {
          'User-Agent': 'x',
          Accept: 'application/json',
          'Content-Type': ' text/plain ',
          'x-acs-date': 'stale',
          'X-Acs-Credentials-Provider': ' static_ak ',
        },
      },
      aliCreds,
      nodeCrypto,
      ali,
    );
    expect(result.signedHeaders).toBe(
      'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
    expect(result.canonicalRequest).toContain('content-type:text/plain\n');
    expect(result.canonicalRequest).toContain('\nx-acs-credentials-provider:static_ak\n');
    expect(result.canonicalRequest).toContain('\nx-acs-date:2026-11-23T10:15:00Z\n');
  });

  it('defaults the nonce to 128 random bits in hex, different every time', async () => {
    const { action, version } = ali;
    const a = await signAlibabaAcs3Request(request, aliCreds, nodeCrypto, { action, version });
    const b = await signAlibabaAcs3Request(request, aliCreds, nodeCrypto, { action, version });
    expect(a.headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(a.headers['x-acs-signature-nonce']).not.toBe(b.headers['x-acs-signature-nonce']);
  });
});

describe('alibaba RPC V2', () => {
  it('adds SecurityToken for STS credentials and signs it', async () => {
    const request = { method: 'GET', url: 'https://hbr.cn-shenzhen.aliyuncs.com/', headers: {} };
    const result = await signAlibabaRpcV2Request(request, { ...aliCreds, securityToken: 'sts/token+=' }, nodeCrypto, ali);
    expect(result.query.SecurityToken).toBe('sts/token+=');
    expect(result.signedParameters).toContain('SecurityToken');
    expect(result.canonicalRequest).toContain('&SecurityToken=sts%2Ftoken%2B%3D&');
    expect(new URL(result.url).searchParams.get('SecurityToken')).toBe('sts/token+=');
    expect(new URL(result.url).searchParams.get('Signature')).toBe(result.signature);
  });

  it('takes Action/Version/Format from the URL when present and lets options override Format', async () => {
    const url = 'https://hbr.cn-shenzhen.aliyuncs.com/?Action=GetBasicStatistics&Version=2017-09-08&Format=xml';
    const result = await signAlibabaRpcV2Request({ method: 'GET', url, headers: {} }, aliCreds, nodeCrypto, { date, nonce: 'n' });
    expect(Object.keys(result.query)).toEqual(['Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature']);
    expect(result.canonicalRequest).toContain('&Format=xml&');
    const json = await signAlibabaRpcV2Request({ method: 'GET', url: 'https://hbr.cn-shenzhen.aliyuncs.com/', headers: {} }, aliCreds, nodeCrypto, {
      ...ali,
      format: 'XML',
    });
    expect(json.query.Format).toBe('XML');
  });

  it('signs the parameters of a form body', async () => {
    const request = {
      method: 'POST',
      url: 'https://hbr.cn-shenzhen.aliyuncs.com/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'SourceType=ECS_FILE&VaultId=v+1',
    };
    const result = await signAlibabaRpcV2Request(request, aliCreds, nodeCrypto, ali);
    expect(result.canonicalRequest).toContain('&SourceType=ECS_FILE&');
    expect(result.canonicalRequest).toContain('&VaultId=v%201&');
    expect(result.query).not.toHaveProperty('SourceType');
  });
});
