// Per-call extra headers (`headers: { Prefer: 'code=404' }`) against a real server: they arrive,
// Huawei AK/SK signs them (it signs every header sent), and a header the client signs or sets,
// or one that cannot be sent as written, is refused before any request, naming the header only.
import { describe, expect, it } from 'vitest';
import { ClientInputError } from '../../src/core/errors.js';
import {
  alibabaClient,
  alibabaStatistics,
  BACKUP_ID,
  huaweiClient,
  recomputeAcs3,
  recomputeHuawei,
  recomputeRpcV2,
  useScriptedServer,
  type AlibabaAuthMode,
  type HuaweiAuthMode,
  type ReceivedRequest,
} from './helpers.js';

const server = useScriptedServer();
const shareId = '8332443e-9866-41d8-8a58-000000000001';
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;

function only(): ReceivedRequest {
  expect(server.received).toHaveLength(1);
  return server.received[0]!;
}

describe('extra headers arrive', () => {
  it.each<[string, HuaweiAuthMode]>([
    ['Huawei token auth', 'token'],
    ['Huawei AK/SK auth', 'aksk'],
  ])('%s: Prefer and a custom header reach the server as given', async (_name, mode) => {
    server.reply({ status: 200, body: { count: 0 } });
    const headers = { Prefer: 'code=200, dynamic=false', 'X-Trace-Id': 'trace-1' };
    expect((await huaweiClient(server, { mode }).countBackupShares({ headers })).error).toBeUndefined();
    expect(only().headers).toMatchObject({ prefer: 'code=200, dynamic=false', 'x-trace-id': 'trace-1' });
  });

  it('names that end or start like a reserved one, and inner runs of spaces, are sent as given', async () => {
    server.reply({ status: 200, body: { count: 0 } });
    const headers = { 'X-Host': 'a', 'Hostname-Hint': 'b', 'X-Spaced': 'a  b\t c' };
    expect((await huaweiClient(server, { mode: 'token' }).countBackupShares({ headers })).error).toBeUndefined();
    expect(only().headers).toMatchObject({ 'x-host': 'a', 'hostname-hint': 'b', 'x-spaced': 'a  b\t c' });
  });

  it.each<[string, AlibabaAuthMode]>([
    ['Alibaba ACS3', 'acs3'],
    ['Alibaba RPC V2', 'rpc-v2'],
  ])('%s: Prefer reaches the server as given', async (_name, mode) => {
    server.reply({ status: 200, body: alibabaStatistics });
    expect((await alibabaClient(server, { mode }).getBasicStatistics({ ...statistics, headers: { Prefer: 'code=200' } })).error).toBeUndefined();
    expect(only().headers.prefer).toBe('code=200');
  });

  it('page iterators pass them on every page', async () => {
    server.reply({ status: 200, body: { shared: [] } });
    for await (const result of huaweiClient(server).pages.listBackupShareDetails({ headers: { Prefer: 'code=200' } })) expect(result.error).toBeUndefined();
    expect(only().headers.prefer).toBe('code=200');
  });
});

describe('extra headers and signing', () => {
  it('Huawei AK/SK signs them: listed in SignedHeaders, and the server-side recomputation matches', async () => {
    server.reply({ status: 404, body: { itemNotFound: { code: 'VolumeBackup.0008', message: 'gone' } } });
    const { error } = await huaweiClient(server).getBackupShare({ path: { shared_id: shareId }, headers: { Prefer: 'code=404' } });
    expect(error).toMatchObject({ kind: 'service', status: 404 });
    const request = only();
    expect(request.headers.authorization).toMatch(/SignedHeaders=[^,]*\bprefer\b/);
    expect(await recomputeHuawei(request)).toBe(request.headers.authorization);
    // the signature covers the value: the same request with another Prefer does not verify
    const changed = { ...request, headers: { ...request.headers, prefer: 'code=200' } };
    expect(await recomputeHuawei(changed)).not.toBe(request.headers.authorization);
  });

  it('Alibaba ACS3 signs host, content-type and x-acs-* only (as its SDK does): the signature still verifies', async () => {
    server.reply({ status: 200, body: alibabaStatistics });
    await alibabaClient(server).getBasicStatistics({ ...statistics, headers: { Prefer: 'code=200' } });
    const request = only();
    expect(request.headers.authorization).not.toMatch(/prefer/);
    expect(await recomputeAcs3(request)).toBe(request.headers.authorization);
  });

  it('Alibaba RPC V2 signs the query only: the signature still verifies', async () => {
    server.reply({ status: 200, body: alibabaStatistics });
    await alibabaClient(server, { mode: 'rpc-v2' }).getBasicStatistics({ ...statistics, headers: { Prefer: 'code=200' } });
    const request = only();
    expect(await recomputeRpcV2(request)).toBe(request.url.searchParams.get('Signature'));
  });
});

describe('extra headers the client refuses, before any request', () => {
  const secretLooking = 'Bearer s3cr3t-value';
  it.each<[string, { given: Record<string, unknown>; want: { field: string; says: RegExp } }]>([
    ['Authorization', { given: { Authorization: secretLooking }, want: { field: 'headers.Authorization', says: /set by the client/ } }],
    ['authorization in lower case', { given: { authorization: secretLooking }, want: { field: 'headers.authorization', says: /set by the client/ } }],
    ['X-AUTH-TOKEN in upper case', { given: { 'X-AUTH-TOKEN': secretLooking }, want: { field: 'headers.X-AUTH-TOKEN', says: /set by the client/ } }],
    ['X-Project-Id', { given: { 'X-Project-Id': 'other' }, want: { field: 'headers.X-Project-Id', says: /set by the client/ } }],
    ['X-Sdk-Date', { given: { 'X-Sdk-Date': '20260101T000000Z' }, want: { field: 'headers.X-Sdk-Date', says: /set by the client/ } }],
    ['x-sdk-content-sha256', { given: { 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, want: { field: 'headers.x-sdk-content-sha256', says: /set by/ } }],
    ['any x-acs-* name, mixed case', { given: { 'X-Acs-Whatever': 'x' }, want: { field: 'headers.X-Acs-Whatever', says: /set by the client/ } }],
    ['host', { given: { Host: 'elsewhere.example' }, want: { field: 'headers.Host', says: /set by the client/ } }],
    ['content-type', { given: { 'content-type': 'text/plain' }, want: { field: 'headers.content-type', says: /set by the client/ } }],
    [
      'Transfer-Encoding, which fetch manages',
      { given: { 'Transfer-Encoding': 'chunked' }, want: { field: 'headers.Transfer-Encoding', says: /set by the client/ } },
    ],
    ['Expect, which fetch manages', { given: { Expect: '100-continue' }, want: { field: 'headers.Expect', says: /set by the client/ } }],
    ['a name with a space', { given: { 'X Trace': 'x' }, want: { field: 'headers.X Trace', says: /not a header name/ } }],
    ['a name with a colon', { given: { 'X-Trace:': 'x' }, want: { field: 'headers.X-Trace:', says: /not a header name/ } }],
    ['a value with CR LF', { given: { 'X-Trace': `${secretLooking}\r\nX-Evil: 1` }, want: { field: 'headers.X-Trace', says: /visible ASCII/ } }],
    ['a value with a NUL', { given: { 'X-Trace': `${secretLooking}\0` }, want: { field: 'headers.X-Trace', says: /visible ASCII/ } }],
    ['a non-ASCII value', { given: { 'X-Trace': `${secretLooking}\u00e9` }, want: { field: 'headers.X-Trace', says: /visible ASCII/ } }],
    ['a value with a leading space', { given: { 'X-Trace': ` ${secretLooking}` }, want: { field: 'headers.X-Trace', says: /visible ASCII/ } }],
    ['an empty value', { given: { 'X-Trace': '' }, want: { field: 'headers.X-Trace', says: /visible ASCII/ } }],
    ['a number value', { given: { 'X-Trace': 1 }, want: { field: 'headers.X-Trace', says: /visible ASCII/ } }],
  ])('%s', async (_name, { given, want }) => {
    for (const send of [
      () => huaweiClient(server).countBackupShares({ headers: given as never }),
      () => alibabaClient(server).getBasicStatistics({ ...statistics, headers: given as never }),
    ]) {
      const failure = await send().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ClientInputError);
      expect(failure).toMatchObject({ field: want.field, message: expect.stringMatching(want.says) });
      expect(String(failure)).not.toContain(secretLooking);
    }
    expect(server.received).toHaveLength(0);
  });

  it('headers that are not an object are refused', async () => {
    await expect(huaweiClient(server).countBackupShares({ headers: 'Prefer: code=404' as never })).rejects.toMatchObject({ field: 'headers' });
    expect(server.received).toHaveLength(0);
  });

  it('a header the contract declares and the client fills in still says so', async () => {
    const input = { ...statistics, headers: { 'x-acs-action': 'DeleteVault' } } as never;
    await expect(alibabaClient(server).getBasicStatistics(input)).rejects.toMatchObject({ field: 'headers.x-acs-action' });
    expect(server.received).toHaveLength(0);
  });

  it('a body-carrying call keeps its extra header', async () => {
    server.reply({ status: 200, body: { shared: [] } });
    const body = { shared: { backup_id: BACKUP_ID, to_project_ids: ['p2'] } };
    await huaweiClient(server).createBackupShares({ body, headers: { 'X-Trace-Id': 'trace-2' } });
    const request = only();
    expect(request.headers['x-trace-id']).toBe('trace-2');
    expect(await recomputeHuawei(request)).toBe(request.headers.authorization);
  });
});
