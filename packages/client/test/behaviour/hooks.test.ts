// The hooks against a real server, in their documented order: beforeSign sees the request
// unsigned and may change it (what it adds is signed), signing follows, then the exchange, then
// afterResponse sees the answer; on every attempt, for typed and raw calls. A middleware added
// with raw.use() runs before signing too, so it never sees a credential.
import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { AttemptInfo } from '../../src/core/prepare-request.js';
import { leakedForms, wireSecrets } from '../support/recording-logger.js';
import {
  alibabaClient,
  alibabaStatistics,
  huaweiClient,
  PROJECT_ID,
  recomputeAcs3,
  recomputeHuawei,
  recomputeRpcV2,
  SECRETS,
  useScriptedServer,
} from './helpers.js';

const server = useScriptedServer();
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;
const unavailable = { status: 503, body: { error_code: 'APIG.0201', error_msg: 'busy', request_id: 'r-503' } } as const;
const credentialHeaders = ['authorization', 'x-auth-token', 'x-security-token', 'x-acs-security-token', 'x-sdk-date', 'x-acs-signature-nonce'];

describe('beforeSign', () => {
  it('sees each attempt unsigned, and a header it adds arrives and is signed (Huawei AK/SK)', async () => {
    server.reply(unavailable, { status: 200, body: { count: 1 } });
    const seen: { info: AttemptInfo; signed: boolean }[] = [];
    const hooks = {
      beforeSign(request: Request, info: AttemptInfo) {
        seen.push({ info, signed: credentialHeaders.some((name) => request.headers.has(name)) });
        request.headers.set('X-Trace-Id', `trace-${info.attempt}`);
      },
    };
    expect((await huaweiClient(server, { hooks }).countBackupShares()).error).toBeUndefined();
    expect(seen).toEqual([
      { info: { operationId: 'countBackupShares', attempt: 1 }, signed: false },
      { info: { operationId: 'countBackupShares', attempt: 2 }, signed: false },
    ]);
    for (const [index, request] of server.received.entries()) {
      expect(request.headers['x-trace-id']).toBe(`trace-${index + 1}`);
      expect(String(request.headers.authorization)).toMatch(/SignedHeaders=[^,]*x-trace-id/);
      expect(await recomputeHuawei(request)).toBe(request.headers.authorization);
    }
  });

  it.each(['acs3', 'rpc-v2'] as const)('a Request it returns is the one signed and sent (Alibaba %s)', async (mode) => {
    server.reply({ status: 200, body: alibabaStatistics });
    const hooks = { beforeSign: (request: Request) => new Request(request, { headers: { ...Object.fromEntries(request.headers), 'X-Tenant': 'blue' } }) };
    expect((await alibabaClient(server, { mode, sts: true, hooks }).getBasicStatistics(statistics)).error).toBeUndefined();
    const [request] = server.received;
    expect(request!.headers['x-tenant']).toBe('blue');
    if (mode === 'acs3') expect(await recomputeAcs3(request!, true)).toBe(request!.headers.authorization);
    else expect(await recomputeRpcV2(request!, true)).toBe(request!.url.searchParams.get('Signature'));
  });

  it('a hook that throws fails the call with its own error, and nothing is sent', async () => {
    const hooks = {
      beforeSign: () => {
        throw new Error('hook bug');
      },
    };
    await expect(huaweiClient(server, { hooks }).countBackupShares()).rejects.toThrow('hook bug');
    expect(server.received).toHaveLength(0);
  });
});

describe('afterResponse', () => {
  it('sees every answer with its body, after the exchange and before the result', async () => {
    server.reply(unavailable, { status: 200, body: { count: 4 } });
    const order: string[] = [];
    const hooks = {
      beforeSign: (_request: Request, { attempt }: AttemptInfo) => {
        order.push(`beforeSign ${attempt}`);
        return undefined;
      },
      afterResponse: async (response: Response, { attempt }: AttemptInfo) => {
        order.push(`afterResponse ${attempt} ${response.status} ${await response.text()}`);
      },
    };
    const { data } = await huaweiClient(server, { hooks }).countBackupShares();
    expect(data).toEqual({ count: 4 });
    expect(order).toEqual(['beforeSign 1', `afterResponse 1 503 ${JSON.stringify(unavailable.body)}`, 'beforeSign 2', 'afterResponse 2 200 {"count":4}']);
  });

  it('runs for the raw client too, as operation "raw"', async () => {
    server.reply({ status: 200, body: { count: 2 } });
    const infos: AttemptInfo[] = [];
    const hooks = {
      beforeSign: (_r: Request, info: AttemptInfo) => void infos.push(info),
      afterResponse: (_r: Response, info: AttemptInfo) => void infos.push(info),
    };
    const { data } = await huaweiClient(server, { hooks }).raw.GET('/v2/{project_id}/os-vendor-backup-sharing/count', {
      params: { path: { project_id: PROJECT_ID } },
    });
    expect(data).toEqual({ count: 2 });
    expect(infos).toEqual([
      { operationId: 'raw', attempt: 1 },
      { operationId: 'raw', attempt: 1 },
    ]);
  });
});

describe('a raw.use() middleware never sees a credential', () => {
  it.each([
    ['Huawei token', () => huaweiClient(server, { mode: 'token' })],
    ['Huawei AK/SK', () => huaweiClient(server)],
    ['Alibaba ACS3 + STS', () => alibabaClient(server, { sts: true })],
    ['Alibaba RPC V2 + STS', () => alibabaClient(server, { mode: 'rpc-v2', sts: true })],
  ])('%s: typed and raw calls, request and response callbacks', async (name, build) => {
    const client = build();
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(`${request.url} ${JSON.stringify([...request.headers])}`);
      },
      onResponse({ request, response }) {
        seen.push(`${request.url} ${JSON.stringify([...request.headers])} ${JSON.stringify([...response.headers])}`);
      },
    };
    client.raw.use(middleware);
    server.reply({ status: 200, body: { count: 1, ...alibabaStatistics } }, { status: 200, body: { count: 1, ...alibabaStatistics } });
    if ('countBackupShares' in client) {
      await client.countBackupShares();
      await client.raw.GET('/v2/{project_id}/os-vendor-backup-sharing/count', { params: { path: { project_id: PROJECT_ID } } });
    } else {
      await client.getBasicStatistics(statistics);
      const pinned = { Action: 'GetBasicStatistics', Version: '2017-09-08' };
      const params = name.includes('ACS3')
        ? { query: { SourceType: 'ECS_FILE' }, header: { 'x-acs-action': pinned.Action, 'x-acs-version': pinned.Version } }
        : { query: { SourceType: 'ECS_FILE', ...pinned } };
      await client.raw.GET('/', { params } as never);
    }
    expect(seen).toHaveLength(4);
    const secrets = [...SECRETS, ...wireSecrets(server.received)];
    expect(wireSecrets(server.received).length).toBeGreaterThan(0);
    expect(leakedForms(seen.join('\n'), secrets)).toEqual([]);
    for (const line of seen) for (const name of credentialHeaders) expect(line).not.toContain(`"${name}"`);
  });
});
