// The wire tests' reference signer (test/support/reference-signer.ts) reproduces every vendor
// vector, so a wire test that agrees with it agrees with the vendors.
import { describe, expect, it } from 'vitest';
import { acs3Authorization, huaweiAuthorization, rpcV2Signature } from '../support/reference-signer.js';
import { loadSigningVectors } from './fixtures.js';

const vectors = loadSigningVectors();
const lowercaseKeys = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
const target = (pathname: string, query: Record<string, string>) => {
  const search = new URLSearchParams(query).toString();
  return search ? `${pathname}?${search}` : pathname;
};

describe('the reference signer reproduces the vendor vectors', () => {
  it.each(vectors.huawei_sdk_hmac_sha256.map((v) => [v.name, v] as const))('Huawei %s', (_name, v) => {
    const { pathname, search } = new URL(v.inputs.url);
    const headers = { ...lowercaseKeys(v.inputs.headers), host: v.inputs.host, 'x-sdk-date': v.inputs.date, authorization: v.expected.authorization };
    const request = { method: v.inputs.method, target: `${pathname}${search}`, headers, body: v.inputs.body };
    expect(huaweiAuthorization(request, v.inputs.ak, v.inputs.sk)).toBe(v.expected.authorization);
    expect(huaweiAuthorization(request, v.inputs.ak, `${v.inputs.sk}x`)).not.toBe(v.expected.authorization);
  });

  it.each(vectors.alibaba_acs3_hmac_sha256.map((v) => [v.name, v] as const))('Alibaba ACS3 %s', (_name, v) => {
    const headers = { ...v.inputs.signed_header_values, authorization: v.expected.authorization };
    const request = { method: v.inputs.method, target: target(v.inputs.pathname, v.inputs.query), headers, body: v.inputs.body };
    expect(acs3Authorization(request, v.inputs.access_key_id, v.inputs.access_key_secret)).toBe(v.expected.authorization);
    expect(acs3Authorization(request, v.inputs.access_key_id, `${v.inputs.access_key_secret}x`)).not.toBe(v.expected.authorization);
  });

  it.each(vectors.alibaba_rpc_v2_hmac_sha1.map((v) => [v.name, v] as const))('Alibaba RPC V2 %s', (_name, v) => {
    const request = { method: v.inputs.method, target: target('/', v.inputs.signed_params), headers: {}, body: '' };
    expect(rpcV2Signature(request, v.inputs.access_key_secret)).toBe(v.expected.signature);
    expect(rpcV2Signature(request, `${v.inputs.access_key_secret}x`)).not.toBe(v.expected.signature);
  });
});
