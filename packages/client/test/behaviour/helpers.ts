// Shared fixtures for the behaviour tests: clients pointed at the scripted server, valid
// bodies, server-side signature verification and a secret scanner.
import { inspect } from 'node:util';
import { afterAll, expect } from 'vitest';
import { createAlibabaHbrClient, type AlibabaHbrClientOptions } from '../../src/alibaba-hbr/index.js';
import { createHuaweiVbsClient, type HuaweiVbsClientOptions } from '../../src/huawei-vbs/index.js';
import { acs3Authorization, huaweiAuthorization, rpcV2Signature, type WireRequest } from '../support/reference-signer.js';
import { scanningLogger, wireSecrets } from '../support/recording-logger.js';
import type { ReceivedRequest, ScriptedServer } from '../support/scripted-server.js';

export { dropConnection, startScriptedServer, useScriptedServer, type ReceivedRequest, type Reply, type ScriptedServer } from '../support/scripted-server.js';

// distinctive values, so a leak anywhere is easy to find
export const HUAWEI_AK = 'HUAWEIAKID0000000001';
export const HUAWEI_SK = 'HwSecret-DO-NOT-LEAK-7f3a9c2e51b84d06';
export const HUAWEI_TOKEN = 'MIIToken-DO-NOT-LEAK-a8d2e4f6c1b3';
export const ALIBABA_AK = 'LTAI5tAliKeyId000001';
export const ALIBABA_SECRET = 'AliSecret-DO-NOT-LEAK-0c4e8a1f5b9d';
export const ALIBABA_STS = 'CAIS-StsToken-DO-NOT-LEAK-93b1e7d5';
export const SECRETS = [HUAWEI_SK, HUAWEI_TOKEN, ALIBABA_SECRET, ALIBABA_STS] as const;

export const PROJECT_ID = 'c13f5220dc1949b0b741ea81a7cd5554';
export const BACKUP_ID = '066b1e37-9305-4057-97e5-2e99b21fc71d';
export const validShareBody = { shared: { backup_id: BACKUP_ID, to_project_ids: ['p2'] } };

/** retries on, but with millisecond backoff so the tests stay fast */
export const fastRetry = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } as const;

export type HuaweiAuthMode = 'token' | 'aksk';
export type AlibabaAuthMode = 'acs3' | 'rpc-v2';

export function huaweiAuth(mode: HuaweiAuthMode): HuaweiVbsClientOptions['auth'] {
  return mode === 'token' ? { type: 'token', token: HUAWEI_TOKEN } : { type: 'aksk', accessKeyId: HUAWEI_AK, secretAccessKey: HUAWEI_SK };
}

// every client the behaviour tests build logs through this scanner (unless a test brings its own
// logger): each line is checked for the secrets, raw and encoded, and for the per-request ones
// (Authorization, tokens, V2 signatures) the server has seen so far; the file fails if one leaked
let scannedServer: ScriptedServer | undefined;
const sharedLogger = scanningLogger(() => [...SECRETS, ...wireSecrets(scannedServer?.received ?? [])]);
afterAll(() => {
  expect(sharedLogger.leaks, 'a log line carried a secret').toEqual([]);
});

function logged(server: ScriptedServer) {
  scannedServer = server;
  return sharedLogger;
}

export function huaweiClient(server: ScriptedServer, options: Partial<Omit<HuaweiVbsClientOptions, 'region' | 'baseUrl'>> & { mode?: HuaweiAuthMode } = {}) {
  const { mode = 'aksk', ...rest } = options;
  return createHuaweiVbsClient({ baseUrl: server.baseUrl, projectId: PROJECT_ID, auth: huaweiAuth(mode), retry: fastRetry, logger: logged(server), ...rest });
}

export function alibabaClient(
  server: ScriptedServer,
  options: Partial<Omit<AlibabaHbrClientOptions, 'regionId' | 'vpc'>> & { mode?: AlibabaAuthMode; sts?: boolean } = {},
) {
  const { mode = 'acs3', sts = false, ...rest } = options;
  const auth = { type: mode, accessKeyId: ALIBABA_AK, accessKeySecret: ALIBABA_SECRET, ...(sts ? { securityToken: ALIBABA_STS } : {}) };
  return createAlibabaHbrClient({ baseUrl: server.baseUrl, auth, retry: fastRetry, logger: logged(server), ...rest });
}

/** One item of a `listBackupShareDetails` page, valid against the contract. */
export function shareItem(n: number) {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `8332443e-9866-41d8-8a58-${hex}`,
    backup_id: `066b1e37-9305-4057-97e5-${hex}`,
    from_project_id: PROJECT_ID,
    to_project_id: '0605767c3f00d5762fa8c0147ee18d02',
    created_at: '2017-08-10T12:25:40.480424',
    updated_at: '2017-08-14T06:41:49.381069',
    backup: {
      id: `066b1e37-9305-4057-97e5-${hex}`,
      name: `nightly-${n}`,
      status: 'available',
      size: 10,
      availability_zone: 'cn-north-4a',
      volume_id: 'a7d7783f-02b7-4645-b0e3-61df63f0ba10',
      created_at: '2017-08-08T04:03:27.456859',
    },
  };
}

export const alibabaStatistics = {
  RequestId: 'EB526A5D-1FE2-51C1-B790-1732C1DBA969',
  Code: '200',
  Message: 'successful',
  Success: true,
  RegionStatistics: [{ RegionId: 'cn-shenzhen', ProtectedDataSize: 42949672960, ProtectedResourceCount: 5 }],
  SourceType: 'ECS_FILE',
  GlobalStatistics: { ProtectedDataSize: 42949672960, ProtectedResourceCount: 5 },
};

/**
 * A per-attempt timeout for the timeout tests: long enough that the request reaches the server
 * even on a loaded machine (a request still in flight when a test ends would take the next
 * test's reply), short enough to keep the tests quick. Tests await `arrived` before ending.
 */
export const SHORT_TIMEOUT_MS = 500;

/** A reply that never answers; `arrived` resolves once the request is in. */
export function hangingReply() {
  let arrived!: () => void;
  const promise = new Promise<void>((resolve) => (arrived = resolve));
  return { arrived: promise, reply: (() => arrived()) as (request: ReceivedRequest) => void };
}

function header(request: ReceivedRequest, name: string): string {
  const value = request.headers[name];
  if (value === undefined) throw new Error(`the request has no ${name} header`);
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The request as the server saw it, for the reference signer. */
export function wireRequest(request: ReceivedRequest): WireRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
  return { method: request.method, target: `${request.url.pathname}${request.url.search}`, headers, body: request.body };
}

/** Recomputes a Huawei SDK-HMAC-SHA256 Authorization from what the server received, with the reference signer. */
export async function recomputeHuawei(request: ReceivedRequest, secretAccessKey = HUAWEI_SK): Promise<string> {
  return huaweiAuthorization(wireRequest(request), HUAWEI_AK, secretAccessKey);
}

/** Recomputes an Alibaba ACS3 Authorization from what the server received (its date and nonce), with the reference signer. */
export async function recomputeAcs3(request: ReceivedRequest, sts = false): Promise<string> {
  if (sts) expect(header(request, 'x-acs-security-token')).toBe(ALIBABA_STS);
  return acs3Authorization(wireRequest(request), ALIBABA_AK, ALIBABA_SECRET);
}

/** Recomputes an Alibaba RPC V2 Signature from the received query, with the reference signer. */
export async function recomputeRpcV2(request: ReceivedRequest, sts = false): Promise<string> {
  const query = request.url.searchParams;
  expect(query.get('AccessKeyId')).toBe(ALIBABA_AK);
  expect(query.get('SecurityToken')).toBe(sts ? ALIBABA_STS : null);
  return rpcV2Signature(wireRequest(request), ALIBABA_SECRET);
}

/** Every rendering of an error a caller might log. */
export function renderings(error: unknown): Record<string, string> {
  return {
    'String(error)': String(error),
    'error.message': error instanceof Error ? error.message : '',
    'JSON.stringify(error)': JSON.stringify(error) ?? '',
    'util.inspect(error)': inspect(error, { depth: 5 }),
  };
}

export function expectNoSecretIn(error: unknown, secrets: readonly string[] = SECRETS): void {
  for (const [how, text] of Object.entries(renderings(error))) {
    for (const secret of secrets) expect(text.includes(secret), `${how} contains a secret: ${text}`).toBe(false);
  }
}

/** Everything the server saw of a request, as one string, for secret scanning. */
export function rawRequest(request: ReceivedRequest): string {
  return `${request.method} ${request.url.href}\n${JSON.stringify(request.headers)}\n${request.body}`;
}
