// The raw openapi-fetch client (`client.raw`) shares the exchange with the typed methods: what
// arrives is handed on whole, a body-less status stays body-less, and an oversized body rejects
// the call with a CloudApiError, as a redirect does (hostile-server.test.ts).
import { describe, expect, it } from 'vitest';
import { CloudApiError } from '../../src/core/errors.js';
import { dropConnection, huaweiClient, PROJECT_ID, type Reply, useScriptedServer } from './helpers.js';

const server = useScriptedServer();
const count = '/v2/{project_id}/os-vendor-backup-sharing/count';
const params = { params: { path: { project_id: PROJECT_ID } } };

describe('the raw client hands on what arrived', () => {
  it.each<[string, { given: Reply; want: { status: number; data?: unknown; error?: unknown } }]>([
    ['a 200 with a JSON body', { given: { status: 200, body: { count: 3 } }, want: { status: 200, data: { count: 3 } } }],
    ['a 204 without a body', { given: { status: 204 }, want: { status: 204 } }],
    ['a 200 without a body', { given: { status: 200 }, want: { status: 200 } }],
    [
      'a 404 with an error body',
      { given: { status: 404, body: { itemNotFound: { code: 'X' } } }, want: { status: 404, error: { itemNotFound: { code: 'X' } } } },
    ],
  ])('%s', async (_name, { given, want }) => {
    server.reply(given);
    const { data, error, response } = await huaweiClient(server, { mode: 'token' }).raw.GET(count, params);
    expect({ status: response.status, data, error }).toEqual({ data: undefined, error: undefined, ...want });
  });

  it('a body over maxResponseBytes rejects with a CloudApiError', async () => {
    server.reply({ status: 200, body: 'x'.repeat(64) });
    const call = huaweiClient(server, { mode: 'token', maxResponseBytes: 16 }).raw.GET(count, params);
    await expect(call).rejects.toBeInstanceOf(CloudApiError);
    await expect(call).rejects.toMatchObject({ kind: 'invalid-response', status: 200, operationId: 'raw', vendor: 'huawei' });
  });
});

describe("a middleware added with raw.use() sees the typed methods' exchanges", () => {
  it.each<[string, number, object]>([
    ['a success', 200, { count: 3 }],
    ['a service error', 404, { itemNotFound: { code: 'X', message: 'no such share' } }],
  ])('%s, with its real status and body', async (_name, status, body) => {
    server.reply({ status, body });
    const client = huaweiClient(server, { mode: 'token' });
    const seen: unknown[] = [];
    client.raw.use({ onResponse: async ({ response }) => void seen.push([response.status, await response.clone().json()]) });
    await client.countBackupShares({});
    expect(seen).toEqual([[status, body]]);
  });

  it('a refused redirect reaches its onError, not its onResponse', async () => {
    server.reply({ status: 302, headers: { location: 'https://elsewhere.example/' } });
    const client = huaweiClient(server, { mode: 'token', retry: false });
    const seen: string[] = [];
    client.raw.use({ onResponse: () => void seen.push('response'), onError: () => void seen.push('error') });
    const { error } = await client.countBackupShares({});
    expect({ kind: error?.kind, seen }).toEqual({ kind: 'redirect', seen: ['error'] });
  });
});

describe('a middleware that answers in place of the service is classified like the service', () => {
  const answer = () => new Response(JSON.stringify({ count: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });
  it.each<[string, Parameters<ReturnType<typeof huaweiClient>['raw']['use']>[0], Reply]>([
    ['an onRequest that answers itself (a cache, say)', { onRequest: () => answer() }, { status: 500 }],
    ['an onError that recovers a dropped connection', { onError: () => answer() }, dropConnection],
    ['an onResponse that replaces the answer', { onResponse: () => answer() }, { status: 200, body: { count: 3 } }],
  ])('%s', async (_name, middleware, reply) => {
    server.reply(reply);
    const client = huaweiClient(server, { mode: 'token', retry: false });
    client.raw.use(middleware);
    const { data, error } = await client.countBackupShares({});
    expect({ data, error }).toEqual({ data: { count: 1 }, error: undefined });
  });
});
