// Our signers against vendor-vectors.json (scripts/vendor-vectors.mjs, the vendors' own signers):
// a path that arrives percent-encoded, repeated and empty query values, non-ASCII bodies and
// values, a temporary key's security token, byte for byte, on both crypto backends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import { backends } from './backends.js';
import { dateFromBasicIso } from './fixtures.js';

interface Vector<Inputs, Expected> {
  name: string;
  produced_by: string;
  inputs: Inputs;
  expected: Expected;
}
type Common = { method: string; url: string };
type AlibabaInputs = Common & { accessKeyId: string; accessKeySecret: string; nonce: string; date: string; action: string; version: string };

const vectors = JSON.parse(readFileSync(new URL('./vendor-vectors.json', import.meta.url), 'utf8')) as {
  huawei_sdk_hmac_sha256: Vector<
    Common & { headers: Record<string, string>; body: string; ak: string; sk: string; date: string },
    { canonical_request: string; authorization: string }
  >[];
  huawei_temporary_credentials: Vector<
    Common & { headers: Record<string, string>; body: string; ak: string; sk: string; security_token: string; date: string },
    { canonical_request: string; authorization: string; security_token_header: string }
  >[];
  alibaba_acs3_hmac_sha256: Vector<AlibabaInputs & { headers: Record<string, string>; body: string }, { hashed_payload: string; authorization: string }>[];
  alibaba_rpc_v2_hmac_sha1: Vector<AlibabaInputs, { signature: string }>[];
};

const named = <T extends { name: string; produced_by: string }>(list: T[]) => list.map((v) => [`${v.name} (${v.produced_by})`, v] as const);

describe.each(backends)('vendor vectors [%s crypto]', (_backend, crypto) => {
  it.each(named(vectors.huawei_sdk_hmac_sha256))('Huawei %s', async (_name, { inputs, expected }) => {
    const request = { method: inputs.method, url: inputs.url, headers: inputs.headers, body: inputs.body };
    const result = await signHuaweiRequest(request, { accessKeyId: inputs.ak, secretAccessKey: inputs.sk }, crypto, { date: dateFromBasicIso(inputs.date) });
    expect(result.canonicalRequest).toBe(expected.canonical_request);
    expect(result.authorization).toBe(expected.authorization);
  });

  it.each(named(vectors.huawei_temporary_credentials))('Huawei temporary credentials: %s', async (_name, { inputs, expected }) => {
    const request = { method: inputs.method, url: inputs.url, headers: inputs.headers, body: inputs.body };
    const credentials = { accessKeyId: inputs.ak, secretAccessKey: inputs.sk, securityToken: inputs.security_token };
    const result = await signHuaweiRequest(request, credentials, crypto, { date: dateFromBasicIso(inputs.date) });
    expect(result.canonicalRequest).toBe(expected.canonical_request);
    expect(result.authorization).toBe(expected.authorization);
    expect(result.headers['X-Security-Token']).toBe(expected.security_token_header);
  });

  it.each(named(vectors.alibaba_acs3_hmac_sha256))('Alibaba ACS3 %s', async (_name, { inputs, expected }) => {
    const request = { method: inputs.method, url: inputs.url, headers: inputs.headers, body: inputs.body };
    const credentials = { accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret };
    const options = { action: inputs.action, version: inputs.version, date: new Date(inputs.date), nonce: inputs.nonce };
    const result = await signAlibabaAcs3Request(request, credentials, crypto, options);
    expect(result.payloadHash).toBe(expected.hashed_payload);
    expect(result.authorization).toBe(expected.authorization);
  });

  it.each(named(vectors.alibaba_rpc_v2_hmac_sha1))('Alibaba RPC V2 %s', async (_name, { inputs, expected }) => {
    const credentials = { accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret };
    const options = { action: inputs.action, version: inputs.version, date: new Date(inputs.date), nonce: inputs.nonce };
    const result = await signAlibabaRpcV2Request({ method: inputs.method, url: inputs.url, headers: {} }, credentials, crypto, options);
    expect(result.signature).toBe(expected.signature);
  });
});
