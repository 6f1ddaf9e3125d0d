// The raw openapi-fetch client (`client.raw`) shares the exchange with the typed methods: what
// arrives is handed on whole, a body-less status stays body-less, and an oversized body rejects
// the call with a CloudApiError, as a redirect does (hostile-server.test.ts).
import { describe, expect, it } from 'vitest';
import { CloudApiError } from '../../src/core/errors.js';
import { huaweiClient, PROJECT_ID, type Reply, useScriptedServer } from './helpers.js';

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
