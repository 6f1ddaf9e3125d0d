// Writes test/signing/vendor-vectors.json: signatures computed by the cloud vendors' own signers
// for the inputs signing-vectors.json leaves out (a path that arrives percent-encoded, a query
// with repeated and empty values, a non-ASCII body). The vendor packages are installed on demand
// into the OS temp folder (bench/vendor-packages.mjs), never into the repo; nothing is sent over
// the network. test/signing/vendor-vectors.test.ts checks our signers against the file.
// Run: npm run pnpm -- --filter @cloud-backup-contracts/client vectors:vendors
import { writeFileSync } from 'node:fs';
import { installedVersion, installVendorPackages, loadVendors } from '../bench/vendor-packages.mjs';

const OUTPUT = new URL('../test/signing/vendor-vectors.json', import.meta.url);
const HUAWEI_CORE = '@huaweicloud/huaweicloud-sdk-core';
const OPENAPI_UTIL = '@alicloud/openapi-util';

// the fixed inputs of signing-vectors.json
const huawei = {
  ak: 'HPUAEXAMPLEAK0000001',
  sk: 'exampleSecretKey0000000000000000000000001',
  date: '20261123T101500Z',
  host: 'vbs.cn-north-4.myhuaweicloud.com',
  projectId: '0605767c3f00d5762fa8c0147ee18d02',
  // a temporary key's security token (its characters as the service issues them: base64 and more)
  securityToken: 'gQ5jbi1ub3J0aC00EXAMPLE+token/with=padding_and-more',
};
const alibaba = {
  accessKeyId: 'LTAI5tEXAMPLEAK00000001',
  accessKeySecret: 'exampleAccessKeySecret000000001',
  nonce: '3156853299f313e23d1673dc12e1703d',
  date: '2026-11-23T10:15:00Z',
  host: 'hbr.cn-shenzhen.aliyuncs.com',
  action: 'GetBasicStatistics',
  version: '2017-09-08',
};
const ACS3 = 'ACS3-HMAC-SHA256';

/** `k=v&...` with each value of an array as its own pair, in the given order (what a client sends). */
function wireQuery(query) {
  const pairs = Object.entries(query).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => [key, v]));
  return new URLSearchParams(pairs).toString().replaceAll('+', '%20');
}

/** Runs `sign` while the vendor function `object[name]` is wrapped to record what it returns. */
function capturing(object, name, sign) {
  const original = object[name];
  let captured;
  object[name] = (...args) => (captured = original.apply(object, args));
  try {
    return { result: sign(), captured };
  } finally {
    object[name] = original;
  }
}

function huaweiVector(vendor, name, { method, path, query = {}, body }) {
  const request = new vendor.HttpRequestImpl();
  request.endpoint = `https://${huawei.host}${path}`;
  request.url = path;
  request.method = method;
  const headers = { 'X-Project-Id': huawei.projectId, 'content-type': 'application/json' };
  // AKSKSigner.sign has no clock option; it honours an X-Sdk-Date already on the request
  request.headers = { ...headers, 'X-Sdk-Date': huawei.date };
  request.queryParams = structuredClone(query);
  if (body !== undefined) request.data = body;
  const credential = new vendor.BasicCredentials().withAk(huawei.ak).withSk(huawei.sk).withProjectId(huawei.projectId);
  const { result, captured } = capturing(vendor.AKSKSigner, 'buildCanonicalRequest', () => vendor.AKSKSigner.sign(request, credential));
  const search = wireQuery(query);
  return {
    name,
    produced_by: `${HUAWEI_CORE}@${installedVersion(HUAWEI_CORE)} AKSKSigner.sign`,
    inputs: {
      method,
      url: `https://${huawei.host}${path}${search ? `?${search}` : ''}`,
      query_params: query,
      headers,
      body: body === undefined ? '' : JSON.stringify(body),
      ak: huawei.ak,
      sk: huawei.sk,
      date: huawei.date,
    },
    expected: { canonical_request: captured, authorization: result.Authorization },
  };
}

/**
 * Temporary credentials: the SDK's whole auth step (BasicCredentials.processAuthRequest, which
 * adds X-Security-Token, X-Project-Id and, for a JSON body, nothing else, then calls
 * AKSKSigner.sign), with a security token.
 */
async function huaweiTemporaryVector(vendor, name, { method, path, body }) {
  const request = new vendor.HttpRequestImpl();
  request.endpoint = `https://${huawei.host}`;
  request.url = path;
  request.method = method;
  request.headers = { 'content-type': 'application/json', 'X-Sdk-Date': huawei.date };
  request.queryParams = {};
  if (body !== undefined) request.data = body;
  const credential = new vendor.BasicCredentials().withAk(huawei.ak).withSk(huawei.sk).withSecurityToken(huawei.securityToken).withProjectId(huawei.projectId);
  const original = vendor.AKSKSigner.buildCanonicalRequest;
  let captured;
  vendor.AKSKSigner.buildCanonicalRequest = (...args) => (captured = original.apply(vendor.AKSKSigner, args));
  let signed;
  try {
    signed = await credential.processAuthRequest(undefined, request);
  } finally {
    vendor.AKSKSigner.buildCanonicalRequest = original;
  }
  return {
    name,
    produced_by: `${HUAWEI_CORE}@${installedVersion(HUAWEI_CORE)} BasicCredentials.processAuthRequest (withSecurityToken), AKSKSigner.sign`,
    inputs: {
      method,
      url: `https://${huawei.host}${path}`,
      query_params: {},
      headers: { 'X-Project-Id': huawei.projectId, 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
      ak: huawei.ak,
      sk: huawei.sk,
      security_token: huawei.securityToken,
      date: huawei.date,
    },
    expected: { canonical_request: captured, authorization: signed.headers.Authorization, security_token_header: signed.headers['X-Security-Token'] },
  };
}

function acs3Vector(vendor, name, { method, query = {}, body = '', contentType }) {
  const { OpenApiUtil, TeaUtil } = vendor;
  const request = new vendor.TeaRequest();
  request.protocol = 'HTTPS';
  request.method = method;
  request.pathname = '/';
  request.query = { ...query };
  request.headers = {
    host: alibaba.host,
    'x-acs-version': alibaba.version,
    'x-acs-action': alibaba.action,
    'x-acs-date': alibaba.date,
    'x-acs-signature-nonce': alibaba.nonce,
    accept: 'application/json',
    ...(contentType ? { 'content-type': contentType } : {}),
  };
  request.body = body;
  const hashedPayload = OpenApiUtil.hexEncode(OpenApiUtil.hash(TeaUtil.toBytes(body), ACS3));
  request.headers['x-acs-content-sha256'] = hashedPayload;
  const authorization = OpenApiUtil.getAuthorization(request, ACS3, hashedPayload, alibaba.accessKeyId, alibaba.accessKeySecret);
  const search = wireQuery(query);
  return {
    name,
    produced_by: `${OPENAPI_UTIL}@${installedVersion(OPENAPI_UTIL)} OpenApiUtil.getAuthorization`,
    inputs: {
      method,
      url: `https://${alibaba.host}/${search ? `?${search}` : ''}`,
      headers: contentType ? { 'content-type': contentType } : {},
      body,
      ...alibaba,
    },
    expected: { hashed_payload: hashedPayload, authorization },
  };
}

function rpcVector(vendor, name, { method, query = {} }) {
  const { OpenApiUtil } = vendor;
  // the query @alicloud/openapi-client doRPCRequest builds, in its order
  const signed = { Action: alibaba.action, Format: 'json', Version: alibaba.version, Timestamp: alibaba.date, SignatureNonce: alibaba.nonce, ...query };
  signed.SignatureMethod = 'HMAC-SHA1';
  signed.SignatureVersion = '1.0';
  signed.AccessKeyId = alibaba.accessKeyId;
  const signature = OpenApiUtil.getRPCSignature({ ...signed, ...OpenApiUtil.query(null) }, method, alibaba.accessKeySecret);
  const search = wireQuery(query);
  return {
    name,
    produced_by: `${OPENAPI_UTIL}@${installedVersion(OPENAPI_UTIL)} OpenApiUtil.getRPCSignature`,
    inputs: { method, url: `https://${alibaba.host}/${search ? `?${search}` : ''}`, signed_params: signed, ...alibaba },
    expected: { signature },
  };
}

const base = `/v2/${huawei.projectId}/os-vendor-backup-sharing`;
const nonAsciiShare = { shared: { backup_id: '87566ed6-72cb-4053-aa6e-6f6216b3d507', to_project_ids: ['项目-ü-1', 'ñ🙂'] } };

async function generate(vendor) {
  return {
    description:
      "Request signatures computed by the vendors' own signers, installed from npm into the OS temp folder by scripts/vendor-vectors.mjs (npm run vectors:vendors), for inputs signing-vectors.json leaves out. Nothing was sent over the network. Fake keys; fixed date and nonce. Each vector names the package and function that produced it.",
    generated_with: { [HUAWEI_CORE]: installedVersion(HUAWEI_CORE), [OPENAPI_UTIL]: installedVersion(OPENAPI_UTIL), node: process.version },
    huawei_sdk_hmac_sha256: [
      // the path as it goes on the wire, with a segment already percent-encoded
      huaweiVector(vendor, 'path_segment_already_percent_encoded', { method: 'GET', path: `${base}/share%20id%2F1` }),
      huaweiVector(vendor, 'path_segment_with_encoded_non_ascii', { method: 'DELETE', path: `${base}/%E5%A4%87%E4%BB%BD~x`, query: { is_backup_id: 'true' } }),
      huaweiVector(vendor, 'query_repeated_and_empty_values', {
        method: 'GET',
        path: `${base}/detail`,
        query: { status: ['available', '', 'error'], name: '', marker: '', sort_key: 'created_at' },
      }),
      huaweiVector(vendor, 'post_non_ascii_json_body', { method: 'POST', path: base, body: nonAsciiShare }),
    ],
    huawei_temporary_credentials: [
      await huaweiTemporaryVector(vendor, 'get_with_security_token', { method: 'GET', path: `${base}/detail` }),
      await huaweiTemporaryVector(vendor, 'post_with_security_token', { method: 'POST', path: base, body: nonAsciiShare }),
    ],
    alibaba_acs3_hmac_sha256: [
      acs3Vector(vendor, 'query_empty_values_and_repeat_list', {
        method: 'GET',
        query: { SourceType: 'ECS_FILE', VaultId: '', 'Tag.1.Key': 'env', 'Tag.2.Key': 'env', 'Tag.1.Value': '' },
      }),
      acs3Vector(vendor, 'post_non_ascii_json_body', {
        method: 'POST',
        query: { SourceType: 'ECS_FILE' },
        body: JSON.stringify({ Name: '备份 ü 🙂' }),
        contentType: 'application/json; charset=utf-8',
      }),
    ],
    alibaba_rpc_v2_hmac_sha1: [
      rpcVector(vendor, 'query_empty_values_and_repeat_list', {
        method: 'GET',
        query: { SourceType: 'ECS_FILE', VaultId: '', 'Tag.1.Key': 'env', 'Tag.2.Key': 'env', 'Tag.1.Value': '' },
      }),
      rpcVector(vendor, 'query_non_ascii_value', { method: 'POST', query: { SourceType: 'ECS_FILE', Name: '备份 ü 🙂' } }),
    ],
    not_covered: [
      'Repeated query keys for Alibaba: both vendor signers take the query as a map (one value per key; lists travel as repeat-list keys Tag.1.Key, Tag.2.Key), so no vendor vector can hold one.',
    ],
  };
}

installVendorPackages();
writeFileSync(OUTPUT, `${JSON.stringify(await generate(loadVendors()), null, 2)}\n`);
console.log(`wrote ${OUTPUT.pathname}`);
