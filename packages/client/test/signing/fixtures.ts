// Loads signing-vectors.json beside this file: request signatures computed by the vendors' own
// signers (@huaweicloud/huaweicloud-sdk-core, @alicloud/openapi-client) with fake keys, kept in
// the repo so every clone can check the signers byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface HuaweiVector {
  name: string;
  inputs: {
    method: string;
    url: string;
    host: string;
    headers: Record<string, string>;
    body: string;
    ak: string;
    sk: string;
    date: string;
    project_id?: string;
  };
  expected: {
    canonical_uri: string;
    canonical_query_string: string;
    canonical_headers: string;
    signed_headers: string;
    payload_sha256: string;
    canonical_request: string;
    string_to_sign: string;
    signature: string;
    authorization: string;
    headers_added_by_signer: Record<string, string>;
  };
}

export interface Acs3Vector {
  name: string;
  inputs: {
    access_key_id: string;
    access_key_secret: string;
    nonce: string;
    date: string;
    host: string;
    method: string;
    pathname: string;
    action: string;
    version: string;
    query: Record<string, string>;
    body: string;
    signed_header_values: Record<string, string>;
  };
  expected: {
    hashed_payload: string;
    canonical_uri: string;
    canonical_query_string: string;
    canonical_headers: string;
    signed_headers: string;
    canonical_request: string;
    string_to_sign: string;
    signature: string;
    authorization: string;
    wire_request_as_built_by_sdk: { headers: Record<string, string> };
  };
}

export interface RpcV2Vector {
  name: string;
  inputs: {
    access_key_id: string;
    access_key_secret: string;
    nonce: string;
    timestamp: string;
    host: string;
    method: string;
    action: string;
    version: string;
    query: Record<string, string>;
    signed_params: Record<string, string>;
  };
  expected: {
    canonicalized_query_string: string;
    sorted_param_keys: string[];
    string_to_sign: string;
    hmac_key: string;
    signature: string;
    final_url: string;
  };
}

export interface SigningVectors {
  huawei_sdk_hmac_sha256: HuaweiVector[];
  alibaba_acs3_hmac_sha256: Acs3Vector[];
  alibaba_rpc_v2_hmac_sha1: RpcV2Vector[];
}

export const vectorsFile = fileURLToPath(new URL('./signing-vectors.json', import.meta.url));

export function loadSigningVectors(): SigningVectors {
  if (!existsSync(vectorsFile)) throw new Error(`signing vectors not found at ${vectorsFile}`);
  return JSON.parse(readFileSync(vectorsFile, 'utf8')) as SigningVectors;
}

/** "20261123T101500Z" -> Date */
export function dateFromBasicIso(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a basic ISO timestamp: ${value}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** Query pairs of a URL (or URL string), sorted, for order-insensitive comparison. */
export function sortedQueryPairs(url: string): string[][] {
  return [...new URL(url).searchParams.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}
