// ProxyFront mode in front of the verifying, stateful mock as its upstream: for every signing scheme
// the proxy's re-signed requests pass the upstream's signature checks, every operation's answer
// reaches the caller byte for byte as the upstream sent it, and a clean run reports no drift.
import { createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';
import { createHuaweiVbsClient, signHuaweiVbsRequest } from '@cloud-backup-contracts/client/huawei-vbs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiName } from '../src/contracts.ts';
import type { VerifyingCredentials } from '../src/credentials.ts';
import { type AnyClient, callOperation, projectId } from './support/clients.ts';
import { exampleInput, loadContract } from './support/contract.ts';
import { type Fronts, startFronts } from './support/fronts.ts';
import { type ProxyFront, startProxy } from './support/proxies.ts';
import { sendRaw } from './support/raw-http.ts';
import { serve } from './support/stand-ins.ts';

const huaweiKey = { accessKeyId: 'HWUPSTREAMAK', secretAccessKey: 'huawei-upstream-secret' };
const huaweiToken = 'huawei-upstream-token';
const huaweiTemporaryKey = { accessKeyId: 'HWTEMPUPSTREAM', secretAccessKey: 'huawei-temporary-secret', securityToken: 'huawei/upstream+sts==' };
const alibabaKey = { accessKeyId: 'LTAIupstream', accessKeySecret: 'alibaba-upstream-secret' };
const stsKey = { accessKeyId: 'STS.upstream', accessKeySecret: 'sts-upstream-secret', securityToken: 'sts/upstream+token==' };
/** What the upstream (the verifying mock) accepts: only these keys, never the callers'. */
const upstreamKeys: VerifyingCredentials = {
  'huawei-vbs': { aksk: [huaweiKey, huaweiTemporaryKey], tokens: [huaweiToken] },
  'alibaba-hbr': { aksk: [alibabaKey, stsKey] },
};

/** Each scheme the proxy re-signs with: the API, its `upstream` entry, and how the caller signs (with keys the upstream does not know). */
const schemes: { name: string; api: ApiName; auth: Record<string, unknown> }[] = [
  { name: 'an IAM token', api: 'huawei-vbs', auth: { type: 'token', token: huaweiToken } },
  { name: 'SDK-HMAC-SHA256', api: 'huawei-vbs', auth: { type: 'aksk', ...huaweiKey } },
  { name: 'SDK-HMAC-SHA256 with a temporary key and its token', api: 'huawei-vbs', auth: { type: 'aksk', ...huaweiTemporaryKey } },
  { name: 'ACS3-HMAC-SHA256', api: 'alibaba-hbr', auth: { type: 'acs3', ...alibabaKey } },
  { name: 'ACS3-HMAC-SHA256 with an STS token', api: 'alibaba-hbr', auth: { type: 'acs3', ...stsKey } },
  { name: 'RPC V2 (HMAC-SHA1)', api: 'alibaba-hbr', auth: { type: 'rpc-v2', ...alibabaKey } },
  { name: 'RPC V2 with an STS token', api: 'alibaba-hbr', auth: { type: 'rpc-v2', ...stsKey } },
];

/** Clients that sign for the proxy's host with keys the upstream would refuse. */
function callers(api: ApiName, baseUrl: string): AnyClient[] {
  const common = { retry: false as const, timeoutMs: 10_000 };
  return api === 'huawei-vbs'
    ? [
        createHuaweiVbsClient({ ...common, baseUrl, projectId, auth: { type: 'token', token: 'caller-token' } }),
        createHuaweiVbsClient({ ...common, baseUrl, projectId, auth: { type: 'aksk', accessKeyId: 'CALLERAK', secretAccessKey: 'caller-secret' } }),
      ]
    : [
        createAlibabaHbrClient({ ...common, baseUrl, auth: { type: 'acs3', accessKeyId: 'LTAIcaller', accessKeySecret: 'caller-secret' } }),
        createAlibabaHbrClient({ ...common, baseUrl, auth: { type: 'rpc-v2', accessKeyId: 'LTAIcaller', accessKeySecret: 'caller-secret' } }),
      ];
}

let upstream: Fronts;
/** why the upstream refused a request's signature or token, if it ever did */
const refusals: string[] = [];
beforeAll(async () => {
  upstream = await startFronts({ stateful: true, credentials: upstreamKeys, onRefusal: (api, reason) => refusals.push(`${api}: ${reason}`) });
});
afterAll(() => upstream?.close());

describe.each(schemes)('re-signed with $name', ({ api, auth }) => {
  let proxy: ProxyFront;
  beforeAll(async () => {
    upstream.reset();
    proxy = await startProxy({ api, upstream: upstream.urls[api], auth });
  });
  afterAll(() => proxy?.close());

  it.each(loadContract(api).operations.map((operation) => [operation.operationId, operation] as const))(
    '%s passes the upstream signature check from callers of every scheme, with no drift',
    async (_, operation) => {
      refusals.length = 0;
      for (const client of callers(api, proxy.url)) {
        upstream.reset();
        const result = await callOperation(client, operation.operationId, exampleInput(operation));
        // the state's own answer (e.g. a share that exists) is fine; a refused signature is not
        expect(operation.statuses).toContain(result.response?.status);
      }
      expect(refusals).toEqual([]);
      expect(proxy.findings).toEqual([]);
      expect(proxy.report.answersChecked).toBeGreaterThan(0);
    },
  );
});

describe('the answer the caller gets', () => {
  it('is the upstream answer byte for byte: status, body and the headers that describe it', async () => {
    upstream.reset();
    const proxy = await startProxy({ api: 'huawei-vbs', upstream: upstream.urls['huawei-vbs'], auth: { type: 'aksk', ...huaweiKey } });
    try {
      const path = `/v2/${projectId}/os-vendor-backup-sharing/detail?limit=5&offset=0`;
      const viaProxy = await sendRaw({ method: 'GET', url: `${proxy.url}${path}`, headers: { 'x-auth-token': 'caller-token' } });
      const url = `${upstream.urls['huawei-vbs']}${path}`;
      const { headers } = await signHuaweiVbsRequest({ method: 'GET', url }, huaweiKey);
      const direct = await sendRaw({ method: 'GET', url, headers });
      expect(viaProxy.status).toBe(200);
      expect(viaProxy.status).toBe(direct.status);
      expect(viaProxy.body).toBe(direct.body);
      expect(viaProxy.headers['content-type']).toBe(direct.headers['content-type']);
      expect(viaProxy.headers['content-length']).toBe(direct.headers['content-length']);
      expect(proxy.findings).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('is the upstream refusal when the re-signing keys are wrong, reported as the documented 401 it is (no drift)', async () => {
    const proxy = await startProxy({
      api: 'huawei-vbs',
      upstream: upstream.urls['huawei-vbs'],
      auth: { type: 'aksk', accessKeyId: 'HWUPSTREAMAK', secretAccessKey: 'not-the-secret' },
    });
    try {
      const answer = await sendRaw({ method: 'GET', url: `${proxy.url}/v2/${projectId}/os-vendor-backup-sharing/count`, headers: {} });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error_code: 'APIG.0301' });
      expect(answer.body).not.toContain('not-the-secret');
      expect(proxy.findings).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('the proxy in the verifying mode', () => {
  const callerKey = { accessKeyId: 'CALLERAK', secretAccessKey: 'caller-secret' };
  let proxy: ProxyFront;
  beforeAll(async () => {
    proxy = await startProxy({
      api: 'huawei-vbs',
      upstream: upstream.urls['huawei-vbs'],
      auth: { type: 'token', token: huaweiToken },
      callers: { 'huawei-vbs': { aksk: [callerKey] } },
    });
  });
  afterAll(() => proxy?.close());

  it.each([
    ['signed for the proxy with a key it knows', 200, callerKey],
    ['signed with a key it does not know', 401, { accessKeyId: 'STRANGER', secretAccessKey: 'caller-secret' }],
    ['signed with the wrong secret', 401, { accessKeyId: 'CALLERAK', secretAccessKey: 'wrong' }],
  ] as const)('a request %s gets %i', async (_, status, key) => {
    const url = `${proxy.url}/v2/${projectId}/os-vendor-backup-sharing/count`;
    const { headers } = await signHuaweiVbsRequest({ method: 'GET', url }, key);
    const checkedBefore = proxy.report.answersChecked;
    const answer = await sendRaw({ method: 'GET', url, headers });
    expect(answer.status).toBe(status);
    // a refused request never reaches the upstream, so there is no answer to check
    expect(proxy.report.answersChecked - checkedBefore).toBe(status === 200 ? 1 : 0);
  });
});

describe("the caller's credentials", () => {
  /** Each header a caller may carry its own credential in, none of which may reach the upstream. */
  const callerHeaders: [name: string, value: string][] = [
    ['x-security-token', 'caller-sts-token'],
    ['x-auth-token', 'caller-iam-token'],
    ['x-acs-security-token', 'caller-acs-token'],
    ['authorization', 'SDK-HMAC-SHA256 Access=CALLERAK, SignedHeaders=host, Signature=caller-signature'],
  ];

  it.each(callerHeaders)('never reach the upstream in %s, signed or not', async (name, value) => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    const standIn = await serve((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"count":0}');
    });
    const proxy = await startProxy({ api: 'huawei-vbs', upstream: standIn.url, auth: { type: 'aksk', ...huaweiKey } });
    try {
      const answer = await sendRaw({ method: 'GET', url: `${proxy.url}/v2/${projectId}/os-vendor-backup-sharing/count`, headers: { [name]: value } });
      expect(answer.status).toBe(200);
      expect(seen).toHaveLength(1);
      expect(JSON.stringify(seen[0])).not.toContain(value);
      // the upstream's own signature covers only what the proxy sent
      expect(String(seen[0]!.authorization)).not.toMatch(new RegExp(`SignedHeaders=[^,]*\\b${name}\\b`));
    } finally {
      await proxy.close();
      await standIn.close();
    }
  });
});
