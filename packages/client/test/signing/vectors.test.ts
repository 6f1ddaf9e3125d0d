// Every vector in signing-vectors.json, on both crypto backends, compared stage by stage.
import { describe, expect, it } from 'vitest';
import { signAlibabaAcs3Request } from '../../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signAlibabaRpcV2Request } from '../../src/alibaba-hbr/rpc-v2-hmac-sha1.js';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import type { SigningRequest } from '../../src/signing/request.js';
import { backends } from './backends.js';
import { dateFromBasicIso, loadSigningVectors, sortedQueryPairs, type Acs3Vector, type HuaweiVector } from './fixtures.js';

const vectors = loadSigningVectors();

describe('the vector file', () => {
  it('has vectors for all three signers', () => {
    expect(vectors.huawei_sdk_hmac_sha256.length).toBeGreaterThan(0);
    expect(vectors.alibaba_acs3_hmac_sha256.length).toBeGreaterThan(0);
    expect(vectors.alibaba_rpc_v2_hmac_sha1.length).toBeGreaterThan(0);
  });
});

interface Stages {
  canonicalRequest: string;
  payloadHash: string;
  signedHeaders: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

/** Compares a canonical-request signature stage by stage, so a failure names the first stage that differs. */
function expectStages(
  result: Stages,
  expected: Record<
    | 'canonical_uri'
    | 'canonical_query_string'
    | 'canonical_headers'
    | 'payload_hash'
    | 'signed_headers'
    | 'canonical_request'
    | 'string_to_sign'
    | 'signature'
    | 'authorization',
    string
  >,
) {
  const lines = result.canonicalRequest.split('\n');
  expect(lines[1]).toBe(expected.canonical_uri);
  expect(lines[2]).toBe(expected.canonical_query_string);
  expect(result.canonicalRequest).toContain(`\n${expected.canonical_headers}\n`);
  expect(result.payloadHash).toBe(expected.payload_hash);
  expect(result.signedHeaders).toBe(expected.signed_headers);
  expect(result.canonicalRequest).toBe(expected.canonical_request);
  expect(result.stringToSign).toBe(expected.string_to_sign);
  expect(result.signature).toBe(expected.signature);
  expect(result.authorization).toBe(expected.authorization);
}

function huaweiRequest(v: HuaweiVector, headers: SigningRequest['headers'] = v.inputs.headers): SigningRequest {
  return { method: v.inputs.method, url: v.inputs.url, headers, body: v.inputs.body };
}

describe('huawei_sdk_hmac_sha256', () => {
  for (const v of vectors.huawei_sdk_hmac_sha256) {
    const credentials = { accessKeyId: v.inputs.ak, secretAccessKey: v.inputs.sk };
    const date = dateFromBasicIso(v.inputs.date);

    for (const [backend, crypto] of backends) {
      it(`${v.name} [${backend}]`, async () => {
        const result = await signHuaweiRequest(huaweiRequest(v), credentials, crypto, { date });
        expectStages(result, { ...v.expected, payload_hash: v.expected.payload_sha256 });
        // everything the SDK's signer adds, except host (signed, but never set by us)
        const { host, ...added } = v.expected.headers_added_by_signer;
        expect(host).toBe(v.inputs.host);
        expect(result.headers).toEqual(added);
      });

      it(`${v.name} [${backend}] with X-Sdk-Date already set and headers as a Headers object`, async () => {
        const headers = new Headers(v.inputs.headers);
        headers.set('X-Sdk-Date', v.inputs.date);
        // a different clock must not matter once the request carries X-Sdk-Date
        const result = await signHuaweiRequest(huaweiRequest(v, headers), credentials, crypto, { date: new Date(0) });
        expect(result.canonicalRequest).toBe(v.expected.canonical_request);
        expect(result.signature).toBe(v.expected.signature);
        expect(result.headers).toEqual({ Authorization: v.expected.authorization });
      });
    }
  }
});

/** Signer-owned headers: values come from options/body, never from the caller. */
const ACS3_SIGNER_HEADERS = new Set(['host', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']);

function acs3Request(v: Acs3Vector, omit: ReadonlySet<string> = ACS3_SIGNER_HEADERS): SigningRequest {
  const url = new URL(`https://${v.inputs.host}${v.inputs.pathname}`);
  for (const [name, value] of Object.entries(v.inputs.query)) url.searchParams.append(name, value);
  const headers = Object.fromEntries(Object.entries(v.inputs.signed_header_values).filter(([name]) => !omit.has(name)));
  return { method: v.inputs.method, url, headers, body: v.inputs.body };
}

describe('alibaba_acs3_hmac_sha256', () => {
  for (const v of vectors.alibaba_acs3_hmac_sha256) {
    const credentials = { accessKeyId: v.inputs.access_key_id, accessKeySecret: v.inputs.access_key_secret };
    const options = { date: new Date(v.inputs.date), nonce: v.inputs.nonce };

    for (const [backend, crypto] of backends) {
      it(`${v.name} [${backend}]`, async () => {
        const result = await signAlibabaAcs3Request(acs3Request(v), credentials, crypto, options);
        expectStages(result, { ...v.expected, payload_hash: v.expected.hashed_payload });
        const signed = v.inputs.signed_header_values;
        expect(result.headers).toEqual({
          'x-acs-date': signed['x-acs-date'],
          'x-acs-signature-nonce': signed['x-acs-signature-nonce'],
          'x-acs-content-sha256': signed['x-acs-content-sha256'],
          Authorization: v.expected.authorization,
        });
        // same values as the SDK put on the wire
        const wire = v.expected.wire_request_as_built_by_sdk.headers;
        for (const [name, value] of Object.entries(result.headers)) expect(wire[name]).toBe(value);
      });

      it(`${v.name} [${backend}] with action/version as options`, async () => {
        const omit = new Set([...ACS3_SIGNER_HEADERS, 'x-acs-action', 'x-acs-version']);
        const result = await signAlibabaAcs3Request(acs3Request(v, omit), credentials, crypto, {
          ...options,
          action: v.inputs.action,
          version: v.inputs.version,
        });
        expect(result.canonicalRequest).toBe(v.expected.canonical_request);
        expect(result.signature).toBe(v.expected.signature);
        expect(result.authorization).toBe(v.expected.authorization);
        expect(result.headers['x-acs-action']).toBe(v.inputs.action);
        expect(result.headers['x-acs-version']).toBe(v.inputs.version);
      });
    }
  }
});

describe('alibaba_rpc_v2_hmac_sha1', () => {
  for (const v of vectors.alibaba_rpc_v2_hmac_sha1) {
    const credentials = { accessKeyId: v.inputs.access_key_id, accessKeySecret: v.inputs.access_key_secret };
    const url = new URL(`https://${v.inputs.host}/`);
    for (const [name, value] of Object.entries(v.inputs.query)) url.searchParams.append(name, value);
    const request: SigningRequest = { method: v.inputs.method, url, headers: {} };
    const options = {
      action: v.inputs.action,
      version: v.inputs.version,
      date: new Date(v.inputs.timestamp),
      nonce: v.inputs.nonce,
    };

    for (const [backend, crypto] of backends) {
      it(`${v.name} [${backend}]`, async () => {
        const result = await signAlibabaRpcV2Request(request, credentials, crypto, options);
        expect(result.canonicalRequest).toBe(v.expected.canonicalized_query_string);
        expect(result.signedParameters).toEqual(v.expected.sorted_param_keys);
        expect(result.stringToSign).toBe(v.expected.string_to_sign);
        expect(result.signature).toBe(v.expected.signature);
        expect(result.query.Signature).toBe(v.expected.signature);
        // every parameter the SDK signed, plus Signature, and nothing else
        expect({ ...v.inputs.query, ...result.query }).toEqual({ ...v.inputs.signed_params, Signature: v.expected.signature });
        // the final URL carries the same parameters as the SDK's (order differs, values identical)
        expect(sortedQueryPairs(result.url)).toEqual(sortedQueryPairs(v.expected.final_url));
      });
    }
  }
});
