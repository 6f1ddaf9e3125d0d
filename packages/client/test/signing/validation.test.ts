// Bad input is a ClientInputError (a TypeError) naming the field; the secret never leaks into
// errors or results.
import { describe, expect, it } from 'vitest';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import { ClientInputError } from '../../src/core/errors.js';
import type { SigningRequest } from '../../src/signing/request.js';
import { backends, nodeCrypto } from './backends.js';

const SECRET = 'Sup3r-S3cret-Value-Must-Not-Leak-7f3a9c';
const date = new Date('2026-11-23T10:15:00Z');

const huaweiCreds = { accessKeyId: 'HPUAEXAMPLEAK0000001', secretAccessKey: SECRET };
const aliCreds = { accessKeyId: 'LTAI5tEXAMPLEAK00000001', accessKeySecret: SECRET };
const huaweiRequest: SigningRequest = {
  method: 'POST',
  url: 'https://vbs.cn-north-4.myhuaweicloud.com/v2/p/os-vendor-backup-sharing?limit=10',
  headers: { 'content-type': 'application/json', 'X-Project-Id': 'p' },
  body: '{"a":1}',
};
const aliRequest: SigningRequest = {
  method: 'GET',
  url: 'https://hbr.cn-shenzhen.aliyuncs.com/?SourceType=ECS_FILE',
  headers: {},
};
const aliOptions = { action: 'GetBasicStatistics', version: '2017-09-08', date, nonce: 'n0nce' };

type Call = () => Promise<unknown>;

/** Runs `call`, expects a ClientInputError matching `message`, and checks the secret is nowhere in it. */
async function expectTypeError(call: Call, message: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ClientInputError);
  expect(caught).toBeInstanceOf(TypeError);
  const error = caught as TypeError;
  expect(error.message).toMatch(message);
  expect(error.message).not.toContain(SECRET);
  expect(String(error.stack)).not.toContain(SECRET);
  expect(JSON.stringify(error)).not.toContain(SECRET);
}

const huawei =
  (request: unknown, credentials: unknown = huaweiCreds, options: unknown = { date }): Call =>
  () =>
    signHuaweiRequest(request as SigningRequest, credentials as typeof huaweiCreds, nodeCrypto, options as { date: Date });
const acs3 =
  (request: unknown, credentials: unknown = aliCreds, options: unknown = aliOptions): Call =>
  () =>
    signAlibabaAcs3Request(request as SigningRequest, credentials as typeof aliCreds, nodeCrypto, options as typeof aliOptions);
const rpc =
  (request: unknown, credentials: unknown = aliCreds, options: unknown = aliOptions): Call =>
  () =>
    signAlibabaRpcV2Request(request as SigningRequest, credentials as typeof aliCreds, nodeCrypto, options as typeof aliOptions);

const signers = [
  { name: 'huawei', call: huawei, request: huaweiRequest, creds: huaweiCreds, secretField: 'secretAccessKey' },
  { name: 'acs3', call: acs3, request: aliRequest, creds: aliCreds, secretField: 'accessKeySecret' },
  { name: 'rpc v2', call: rpc, request: aliRequest, creds: aliCreds, secretField: 'accessKeySecret' },
] as const;

describe.each(signers)('$name signer rejects bad input with a ClientInputError naming the field', ({ call, request, creds, secretField }) => {
  it('credentials', async () => {
    await expectTypeError(call(request, 'AK:SK'), /^credentials must be an object/);
    await expectTypeError(call(request, null), /^credentials must be an object/);
  });

  it('accessKeyId', async () => {
    await expectTypeError(call(request, { ...creds, accessKeyId: '' }), /^accessKeyId must be a non-empty string/);
    await expectTypeError(call(request, { ...creds, accessKeyId: 42 }), /^accessKeyId must be a non-empty string/);
    await expectTypeError(call(request, { ...creds, accessKeyId: 'AK, Signature=x' }), /^accessKeyId must only contain visible ASCII/);
    const { accessKeyId: _, ...withoutId } = creds;
    await expectTypeError(call(request, withoutId), /^accessKeyId must be a non-empty string/);
  });

  it(secretField, async () => {
    const message = new RegExp(`^${secretField} must be a non-empty string`);
    await expectTypeError(call(request, { ...creds, [secretField]: '' }), message);
    await expectTypeError(call(request, { ...creds, [secretField]: 12345 }), message);
    await expectTypeError(call(request, { accessKeyId: creds.accessKeyId }), message);
  });

  it('url', async () => {
    await expectTypeError(call({ ...request, url: '/relative/path' }), /^url must be an absolute http\(s\) URL/);
    await expectTypeError(call({ ...request, url: 'ftp://example.com/' }), /^url must be an absolute http\(s\) URL/);
    await expectTypeError(call({ ...request, url: 42 }), /^url must be an absolute http\(s\) URL/);
    // a secret pasted into the wrong field is not echoed either
    await expectTypeError(call({ ...request, url: SECRET }), /^url must be an absolute http\(s\) URL/);
  });

  it('method', async () => {
    await expectTypeError(call({ ...request, method: '' }), /^method must be/);
    await expectTypeError(call({ ...request, method: 'GET /x' }), /^method must be/);
  });

  it('headers and body', async () => {
    await expectTypeError(call({ ...request, headers: 'content-type: x' }), /^headers must be/);
    await expectTypeError(call({ ...request, headers: { 'x-a': 1 } }), /^headers\["x-a"\] must be a string/);
    await expectTypeError(call({ ...request, headers: { 'x-a': `a\r\nx-b: ${SECRET}` } }), /^headers\["x-a"\] must not contain CR, LF or NUL/);
    await expectTypeError(call({ ...request, headers: { 'bad name': 'v' } }), /^headers must only have HTTP token names/);
    await expectTypeError(call({ ...request, body: new Uint8Array(1) }), /^body must be a string/);
  });

  it('request and options', async () => {
    await expectTypeError(call(undefined), /^request must be an object/);
    await expectTypeError(call(request, creds, 'now'), /^options must be an object/);
    await expectTypeError(call(request, creds, { ...aliOptions, date: new Date(Number.NaN) }), /^date must be a valid Date/);
    await expectTypeError(call(request, creds, { ...aliOptions, date: '2026-11-23' }), /^date must be a valid Date/);
  });
});

describe.each([
  { name: 'acs3', call: acs3 },
  { name: 'rpc v2', call: rpc },
] as const)('$name signer', ({ call }) => {
  it('requires an action and a version', async () => {
    await expectTypeError(call(aliRequest, aliCreds, { ...aliOptions, action: undefined }), /^action must be a non-empty string/);
    await expectTypeError(call(aliRequest, aliCreds, { ...aliOptions, action: '' }), /^action must be a non-empty string/);
    await expectTypeError(call(aliRequest, aliCreds, { ...aliOptions, version: undefined }), /^version must be a non-empty string/);
    await expectTypeError(call(aliRequest, aliCreds, { ...aliOptions, action: 'Get Stats' }), /^action must only contain visible ASCII/);
  });

  it('checks the nonce', async () => {
    await expectTypeError(call(aliRequest, aliCreds, { ...aliOptions, nonce: '' }), /^nonce must be a non-empty string/);
    await expectTypeError(call(aliRequest, aliCreds, { ...aliOptions, nonce: 'a b' }), /^nonce must only contain visible ASCII/);
  });

  it('checks the STS token type', async () => {
    await expectTypeError(call(aliRequest, { ...aliCreds, securityToken: 7 }), /^securityToken must be a non-empty string/);
    await expectTypeError(call(aliRequest, { ...aliCreds, securityToken: 'tok\r\nen' }), /^securityToken must only contain visible ASCII/);
  });
});

describe('signer-specific input checks', () => {
  it('acs3: action/version given twice must agree', async () => {
    const request = { ...aliRequest, headers: { 'x-acs-action': 'Other' } };
    await expectTypeError(acs3(request), /^action conflicts with the x-acs-action header/);
    const same = await acs3({ ...aliRequest, headers: { 'x-acs-action': aliOptions.action } })();
    expect(same).toMatchObject({ headers: { 'x-acs-version': aliOptions.version } });
    expect((same as { headers: Record<string, string> }).headers).not.toHaveProperty('x-acs-action');
  });

  it('rpc v2: refuses signer-owned parameters, a non-form body and a non-root path', async () => {
    for (const name of ['Signature', 'SignatureNonce', 'Timestamp', 'AccessKeyId', 'SecurityToken', 'SignatureMethod', 'SignatureVersion']) {
      await expectTypeError(rpc({ ...aliRequest, url: `https://hbr.cn-shenzhen.aliyuncs.com/?${name}=x` }), new RegExp(`must not carry a ${name} parameter`));
    }
    await expectTypeError(
      rpc({ ...aliRequest, method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }),
      /^body must be application\/x-www-form-urlencoded/,
    );
    await expectTypeError(rpc({ ...aliRequest, url: 'https://hbr.cn-shenzhen.aliyuncs.com/api' }), /^url path must be "\/"/);
    await expectTypeError(rpc({ ...aliRequest, url: 'https://hbr.cn-shenzhen.aliyuncs.com/?Action=Other' }), /^action conflicts with the Action parameter/);
  });

  it('huawei: X-Sdk-Date given by the caller must be YYYYMMDDTHHmmssZ', async () => {
    for (const sdkDate of ['2026-11-23T10:15:00Z', 'x20261123T101500Z', '20261123T101500Zx']) {
      await expectTypeError(huawei({ ...huaweiRequest, headers: { 'X-Sdk-Date': sdkDate } }), /^X-Sdk-Date header must have the form YYYYMMDDTHHmmssZ$/);
    }
  });
});

describe('the secret never appears in a result', () => {
  for (const [backend, crypto] of backends) {
    it(`huawei [${backend}]`, async () => {
      const result = await signHuaweiRequest(huaweiRequest, huaweiCreds, crypto, { date });
      expect(JSON.stringify(result)).not.toContain(SECRET);
      expect(result.headers).not.toHaveProperty('host');
    });

    it(`acs3, with and without STS [${backend}]`, async () => {
      const plain = await signAlibabaAcs3Request(aliRequest, aliCreds, crypto, aliOptions);
      const sts = await signAlibabaAcs3Request(aliRequest, { ...aliCreds, securityToken: 'sts-token' }, crypto, aliOptions);
      for (const result of [plain, sts]) {
        expect(JSON.stringify(result)).not.toContain(SECRET);
        expect(result.headers).not.toHaveProperty('host');
      }
    });

    it(`rpc v2, with and without STS [${backend}]`, async () => {
      const plain = await signAlibabaRpcV2Request(aliRequest, aliCreds, crypto, aliOptions);
      const sts = await signAlibabaRpcV2Request(aliRequest, { ...aliCreds, securityToken: 'sts-token' }, crypto, aliOptions);
      for (const result of [plain, sts]) expect(JSON.stringify(result)).not.toContain(SECRET);
    });
  }
});
